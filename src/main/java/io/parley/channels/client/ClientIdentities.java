package io.parley.channels.client;

import io.parley.contacts.ContactIdentity;
import io.parley.contacts.Contacts;
import io.parley.contacts.IdentityTrust;
import io.parley.platform.ContactId;
import io.parley.platform.UnauthorizedException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Turns what a client says about its user into the contact's identities and finds or creates the contact, in the
 * caller's transaction, through {@link Contacts#resolve} with the trust the channel earned.
 *
 * <p>Trust: an {@code api} channel's identities are verified (its caller holds the secret key); on {@code web} and
 * {@code app} an {@code externalId} with a valid {@code userHash} is verified, everything else a browser or device
 * claims is a hint.
 */
@Component
class ClientIdentities {
    static final String PHONE = ContactIdentity.PHONE;
    static final String EMAIL = ContactIdentity.EMAIL;
    static final String DEVICE = ContactIdentity.DEVICE;
    static final String EXTERNAL = ContactIdentity.EXTERNAL;
    /** A guest who named nobody: one per request id, so a retried request is the same guest. */
    static final String GUEST = "guest";

    private final Contacts contacts;

    ClientIdentities(Contacts contacts) {
        this.contacts = contacts;
    }

    /** @param verified true when the channel proved who it is (see the class comment) */
    record Claims(List<ContactIdentity> identities, boolean verified, String name) {
        IdentityTrust trust() {
            return verified ? IdentityTrust.VERIFIED : IdentityTrust.CLAIMED;
        }

        /** Who the request names, as a value: the same claims again are the same sender. */
        String hash() {
            StringBuilder text = new StringBuilder(trust().name());
            identities.stream()
                    .map(i -> i.kind() + "=" + i.value())
                    .sorted()
                    .forEach(i -> text.append('\u0000').append(i));
            return ClientKeys.sha256(text.toString());
        }
    }

    /** The identities in resolution priority (phone > email > device > external), or 401 when none may be used. */
    Claims identities(ClientChannel channel, ClientUser user, String requestId) {
        boolean verified = verify(channel, user);
        if (user.guest() && !channel.acceptGuests()) {
            throw new UnauthorizedException(
                    "identity_required",
                    "This channel does not accept guests: send user.externalId, user.phone or user.email");
        }
        List<ContactIdentity> identities = new ArrayList<>();
        if (user.phone() != null) {
            identities.add(new ContactIdentity(PHONE, user.phone()));
        }
        if (user.email() != null) {
            identities.add(new ContactIdentity(EMAIL, user.email()));
        }
        if (user.deviceId() != null) {
            identities.add(new ContactIdentity(DEVICE, user.deviceId()));
        }
        if (user.externalId() != null) {
            identities.add(new ContactIdentity(EXTERNAL, user.externalId()));
        }
        if (verified && !channel.isApi()) {
            // Only externalId is signed: a page's script could add anyone's phone, email or device to a valid
            // userHash, so those are not taken from a signed-in visitor.
            identities = new ArrayList<>(List.of(new ContactIdentity(EXTERNAL, user.externalId())));
        }
        if (identities.isEmpty()) {
            identities.add(new ContactIdentity(
                    GUEST, ClientKeys.sha256(channel.account().id() + ":" + requestId)));
        }
        return new Claims(List.copyOf(identities), verified, user.name());
    }

    /** The organization's contact (claimed identities never lead to or attach to a verified one). */
    ContactId resolve(ClientChannel channel, Claims claims, Instant now) {
        return contacts.resolve(
                        channel.account().organizationId(),
                        channel.account().chatbotId(),
                        claims.identities(),
                        claims.trust(),
                        claims.name(),
                        now)
                .id();
    }

    /** True when the identity is proved: the api key, or a valid userHash; 401 invalid_user_hash for a wrong one. */
    private static boolean verify(ClientChannel channel, ClientUser user) {
        if (channel.isApi()) {
            return true;
        }
        if (user.userHash() == null) {
            return false;
        }
        if (user.externalId() == null
                || channel.identitySecret() == null
                || !ClientKeys.sameHex(
                        ClientKeys.hmacHex(channel.identitySecret().reveal(), user.externalId()), user.userHash())) {
            throw new UnauthorizedException(
                    "invalid_user_hash",
                    "user.userHash is not the HMAC-SHA256 of user.externalId with this channel's identity secret");
        }
        return true;
    }
}
