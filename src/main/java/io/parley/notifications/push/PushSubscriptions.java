package io.parley.notifications.push;

import io.parley.access.Caller;
import io.parley.access.Role;
import io.parley.access.StaffUserId;
import io.parley.access.StaffUsers;
import io.parley.platform.ForbiddenException;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import io.parley.platform.egress.EgressPolicy;
import io.parley.platform.egress.EgressRefusedException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Staff members' browser push subscriptions ({@code /api/v1/organizations/{orgId}/push/subscriptions}). A signed-in
 * member subscribes, lists and removes their own; acting for another member needs the admin role. An API key or the
 * operator has no member of its own and names one ({@code staffUserId}); removing a subscription only stops
 * notifications, so any key of the organization may.
 */
@Component
class PushSubscriptions {
    static final int MAX_ENDPOINT_LENGTH = 2000;
    static final int AUTH_LENGTH = 16;

    private final PushSubscriptionRepository repository;
    private final StaffUsers staffUsers;
    private final EgressPolicy egress;
    private final Clock clock;

    PushSubscriptions(PushSubscriptionRepository repository, StaffUsers staffUsers, EgressPolicy egress, Clock clock) {
        this.repository = repository;
        this.staffUsers = staffUsers;
        this.egress = egress;
        this.clock = clock;
    }

    /** A browser's {@code PushSubscription.toJSON()}, plus the member it is for when the caller is not one. */
    record SubscriptionRequest(String staffUserId, String endpoint, Double expirationTime, Keys keys) {
        record Keys(String p256dh, String auth) {}
    }

    /**
     * Stores the subscription (or updates the one with the same endpoint).
     *
     * @return the stored subscription, and whether it is new
     */
    // No transaction: the endpoint check may look the host up; the write is an insert, or an update of that row.
    Subscribed subscribe(OrganizationId organization, Caller caller, SubscriptionRequest request) {
        SubscriptionRequest body = request == null ? new SubscriptionRequest(null, null, null, null) : request;
        StaffUserId member = member(organization, caller, body.staffUserId());
        String endpoint = checkEndpoint(body.endpoint());
        SubscriptionRequest.Keys keys = body.keys() == null ? new SubscriptionRequest.Keys(null, null) : body.keys();
        byte[] p256dh = decode("keys.p256dh", keys.p256dh());
        if (P256.publicKey(p256dh).isEmpty()) {
            throw invalid(
                    "keys.p256dh", "must be a P-256 public key: 65 bytes, uncompressed, on the curve (base64url)");
        }
        byte[] auth = decode("keys.auth", keys.auth());
        if (auth.length != AUTH_LENGTH) {
            throw invalid("keys.auth", "must be the 16-byte auth secret (base64url)");
        }
        Instant expiration = expiration(body.expirationTime());
        PushSubscriptionRepository.Saved saved =
                repository.save(organization, member, endpoint, p256dh, auth, expiration, clock.instant());
        return new Subscribed(repository.find(organization, saved.id()).orElseThrow(), saved.created());
    }

    record Subscribed(PushSubscription subscription, boolean created) {}

    /** The member's subscriptions, retired ones included (with {@code expiredAt}). */
    List<PushSubscription> list(OrganizationId organization, Caller caller, String staffUserId) {
        return repository.list(organization, member(organization, caller, staffUserId));
    }

    void delete(OrganizationId organization, Caller caller, String subscriptionId) {
        UUID id = Ids.parse(subscriptionId, "push_subscription", uuid -> uuid);
        PushSubscription subscription = repository.find(organization, id).orElseThrow(PushSubscriptions::notFound);
        if (caller.staffUserId().isPresent()
                && !caller.staffUserId().get().equals(subscription.staffUserId())
                && !caller.hasAtLeast(Role.ADMIN)) {
            throw new ForbiddenException("Only an admin may remove another member's push subscription");
        }
        if (!repository.delete(organization, id)) {
            throw notFound();
        }
    }

    /** The member the request is for: the caller, or the one named (acting for another member needs admin). */
    private StaffUserId member(OrganizationId organization, Caller caller, String named) {
        if (named == null || named.isBlank()) {
            return caller.staffUserId()
                    .orElseThrow(() -> invalid(
                            "staffUserId", "names the staff member (an API key or the operator has none of its own)"));
        }
        StaffUserId member = Ids.parse(named.strip(), "staff_user", StaffUserId::new);
        boolean self = caller.staffUserId().map(member::equals).orElse(false);
        if (!self && !caller.hasAtLeast(Role.ADMIN)) {
            throw new ForbiddenException("Only an admin may act for another member's push subscriptions");
        }
        return staffUsers.get(organization, member).id();
    }

    private String checkEndpoint(String endpoint) {
        if (endpoint == null || endpoint.isBlank() || endpoint.length() > MAX_ENDPOINT_LENGTH) {
            throw invalid("endpoint", "must be an https URL of at most " + MAX_ENDPOINT_LENGTH + " characters");
        }
        URI uri = egress.check("endpoint", endpoint).uri();
        if (!"https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) && !egress.operatorAllowed(uri)) {
            throw new EgressRefusedException(
                    "endpoint",
                    "a push endpoint needs https; plain http reaches only hosts the operator allowed for this port");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw invalid("endpoint", "must not have user information or a #fragment");
        }
        return uri.toString();
    }

    private static byte[] decode(String field, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "is required (base64url)");
        }
        try {
            return Base64.getUrlDecoder()
                    .decode(value.strip().replace('+', '-').replace('/', '_').replace("=", ""));
        } catch (IllegalArgumentException e) {
            throw invalid(field, "is not base64url");
        }
    }

    private static Instant expiration(Double millis) {
        if (millis == null) {
            return null;
        }
        if (millis.isNaN() || millis < 0 || millis > 253_402_300_799_000d) {
            throw invalid("expirationTime", "must be null or milliseconds since the epoch");
        }
        return Instant.ofEpochMilli(millis.longValue());
    }

    private static NotFoundException notFound() {
        return new NotFoundException("push_subscription_not_found", "No such push subscription");
    }

    static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(
                "validation_failed",
                field + " " + message,
                Map.of("field", field, "errors", List.of(Map.of("field", field, "message", message))));
    }
}
