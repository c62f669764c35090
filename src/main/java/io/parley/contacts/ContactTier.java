package io.parley.contacts;

import java.util.Locale;

/**
 * How well the organization knows a contact; tools may require a minimum tier. Ordered: a later constant is a
 * higher tier.
 *
 * <ul>
 *   <li>{@link #GUEST}: only a device or a channel's own session id (anonymous visitor).</li>
 *   <li>{@link #STANDARD}: a phone, email or external id was given, but only claimed.</li>
 *   <li>{@link #VERIFIED}: a channel proved a phone, email, external id or WhatsApp user id.</li>
 * </ul>
 */
public enum ContactTier {
    GUEST,
    STANDARD,
    VERIFIED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean atLeast(ContactTier minimum) {
        return compareTo(minimum) >= 0;
    }

    /** The tier named {@code wire} ({@code guest}, {@code standard}, {@code verified}); case-insensitive. */
    public static ContactTier fromWire(String wire) {
        if (wire != null) {
            for (ContactTier tier : values()) {
                if (tier.wireName().equalsIgnoreCase(wire.strip())) {
                    return tier;
                }
            }
        }
        throw new IllegalArgumentException("Unknown contact tier '" + wire + "' (guest, standard, verified)");
    }

    /** The tier that {@code identity}, given with {@code trust}, earns on its own. */
    static ContactTier earnedBy(ContactIdentity identity, IdentityTrust trust) {
        boolean personal = switch (identity.kind()) {
            case ContactIdentity.PHONE, ContactIdentity.EMAIL, ContactIdentity.EXTERNAL -> true;
            default -> false;
        };
        if (trust == IdentityTrust.VERIFIED && (personal || identity.kind().equals(ContactIdentity.BSUID))) {
            return VERIFIED;
        }
        return personal ? STANDARD : GUEST;
    }

    static ContactTier max(ContactTier a, ContactTier b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
