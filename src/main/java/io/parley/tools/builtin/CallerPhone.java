package io.parley.tools.builtin;

import io.parley.contacts.Contact;
import io.parley.contacts.Contacts;
import io.parley.tools.ToolContext;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The person in the conversation (their contact) and their phone number. WhatsApp ids are the international number
 * without "+"; a web chat or username visitor has none, so the model has to ask.
 */
@Component
class CallerPhone {
    private final Contacts contacts;

    CallerPhone(Contacts contacts) {
        this.contacts = contacts;
    }

    /** The contact's phone number, "+" and digits (WhatsApp's, or one a client gave). */
    static Optional<String> of(Contact contact) {
        return contact.phone();
    }

    Optional<Contact> contact(ToolContext context) {
        if (context.contactId() == null) {
            return Optional.empty();
        }
        return contacts.find(context.contactId()).filter(c -> c.organizationId().equals(context.organizationId()));
    }
}
