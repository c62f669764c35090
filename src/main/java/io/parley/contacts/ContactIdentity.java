package io.parley.contacts;

import java.util.Objects;

/**
 * How a channel names a contact.
 *
 * @param kind  {@code wa_id} (WhatsApp phone digits), {@code bsuid} (WhatsApp business-scoped user id) or
 *              {@code webchat} (a browser session)
 * @param value the channel's id, exactly as the channel sends it
 */
public record ContactIdentity(String kind, String value) {
    public static final String WA_ID = "wa_id";
    public static final String BSUID = "bsuid";
    public static final String WEBCHAT = "webchat";

    public ContactIdentity {
        Objects.requireNonNull(kind, "kind");
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("ContactIdentity.value must not be blank");
        }
    }
}
