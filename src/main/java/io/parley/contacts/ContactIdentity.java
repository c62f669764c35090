package io.parley.contacts;

import java.util.Comparator;
import java.util.Objects;

/**
 * How a channel or a client names a contact. Within an organization an identity belongs to at most one contact.
 *
 * @param kind  {@code phone} (E.164 with '+'; WhatsApp's wa_id is one), {@code email} (case-folded), {@code device},
 *              {@code external} (the business's own user id), or a channel's native id: {@code bsuid} (WhatsApp
 *              business-scoped user id), {@code webchat} (a sandbox browser session)
 * @param value normalized as {@link IdentityClaims} does for the generic kinds; a native id exactly as the channel
 *              sends it
 */
public record ContactIdentity(String kind, String value) {
    public static final String PHONE = "phone";
    public static final String EMAIL = "email";
    public static final String DEVICE = "device";
    public static final String EXTERNAL = "external";
    public static final String BSUID = "bsuid";
    public static final String WEBCHAT = "webchat";
    /** A WhatsApp id that is not a phone number; see {@link #whatsApp}. */
    public static final String WA_ID = "wa_id";

    private static final java.util.regex.Pattern WA_ID_DIGITS = java.util.regex.Pattern.compile("\\+[0-9]{2,15}");

    /** Resolution order: phone, email, device, external, then channel-native ids. */
    public static final Comparator<ContactIdentity> PRIORITY = Comparator.comparingInt(ContactIdentity::priority);

    public ContactIdentity {
        Objects.requireNonNull(kind, "kind");
        if (kind.isBlank()) {
            throw new IllegalArgumentException("ContactIdentity.kind must not be blank");
        }
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("ContactIdentity.value must not be blank");
        }
    }

    /** A phone number already in E.164 ({@code +} and digits). */
    public static ContactIdentity phone(String e164) {
        return new ContactIdentity(PHONE, IdentityClaims.phone(e164));
    }

    /**
     * WhatsApp's wa_id (the phone's digits without '+') as the phone identity {@code +<digits>}. A wa_id that is not
     * a phone number (WhatsApp never sends one, but the webhook is not ours) stays as kind {@code wa_id}.
     */
    public static ContactIdentity whatsApp(String waId) {
        String e164 = waId.startsWith("+") ? waId : "+" + waId;
        return WA_ID_DIGITS.matcher(e164).matches()
                ? new ContactIdentity(PHONE, e164)
                : new ContactIdentity(WA_ID, waId);
    }

    static final int DEVICE_PRIORITY = 2;

    public int priority() {
        return switch (kind) {
            case PHONE -> 0;
            case EMAIL -> 1;
            case DEVICE -> 2;
            case EXTERNAL -> 3;
            default -> 4;
        };
    }
}
