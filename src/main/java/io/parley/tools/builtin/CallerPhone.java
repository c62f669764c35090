package io.parley.tools.builtin;

import io.parley.contacts.Contact;
import io.parley.contacts.ContactIdentity;
import io.parley.contacts.Contacts;
import io.parley.platform.InvalidRequestException;
import io.parley.tools.ToolContext;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The phone number of the person in the conversation, for tools whose phone argument is optional. WhatsApp ids are
 * the international number without "+"; a web chat visitor has none, so the model has to ask.
 */
@Component
class CallerPhone {
    private final Contacts contacts;

    CallerPhone(Contacts contacts) {
        this.contacts = contacts;
    }

    /** The given phone (normalized), else the contact's WhatsApp number, else an error telling the model to ask. */
    String resolve(ToolContext context, String given, String tool) {
        if (given != null) {
            return Arguments.phone(given);
        }
        return ofContact(context).orElseThrow(() -> new InvalidRequestException("phone_required",
                "No phone number is known for this user. Ask the user for a phone number, then call " + tool
                        + " again with it."));
    }

    Optional<String> ofContact(ToolContext context) {
        return contact(context).flatMap(c -> c.identity(ContactIdentity.WA_ID)).map(waId -> "+" + waId);
    }

    Optional<Contact> contact(ToolContext context) {
        if (context.contactId() == null) {
            return Optional.empty();
        }
        return contacts.find(context.contactId())
                .filter(c -> c.organizationId().equals(context.organizationId()));
    }
}
