package io.parley.conversation.internal;

import io.parley.contacts.Contact;
import io.parley.contacts.ContactIdentity;
import java.util.List;

/** The address a channel delivers to. */
public final class Recipients {
    private Recipients() {
    }

    /** WhatsApp prefers the phone number over the business-scoped user id; web chat uses the session. */
    public static String of(String channel, Contact contact) {
        if (contact == null) {
            throw new IllegalStateException("A conversation without a contact has no recipient");
        }
        List<String> kinds = switch (channel) {
            case "whatsapp" -> List.of(ContactIdentity.PHONE, ContactIdentity.WA_ID, ContactIdentity.BSUID);
            case "webchat" -> List.of(ContactIdentity.WEBCHAT);
            default -> List.of();
        };
        return kinds.stream().flatMap(kind -> contact.identity(kind).stream()).findFirst()
                .orElseGet(() -> contact.identities().getFirst().value());
    }
}
