package io.parley.tools.builtin;

import io.parley.contacts.Contact;
import io.parley.platform.InvalidRequestException;
import io.parley.tools.ToolContext;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The lead of the person in the conversation, and nobody else's (ADR 25). A lead belongs to a contact. A phone
 * argument may only name that contact's own number: their WhatsApp number when Meta gave one, else the number on
 * their own lead. A web chat or username visitor has no known number, so the number they give to capture_lead
 * becomes their lead's number; it never attaches to, or reveals, a lead another contact captured with it.
 */
@Component
class ContactLead {
    private final LeadRepository leads;
    private final CallerPhone callerPhone;

    ContactLead(LeadRepository leads, CallerPhone callerPhone) {
        this.leads = leads;
        this.callerPhone = callerPhone;
    }

    /** The contact's own lead; a phone that is not theirs is an error that says nothing about that number. */
    Optional<Lead> find(ToolContext context, String givenPhone, String tool) {
        Contact contact = contact(context, tool);
        Optional<Lead> own = leads.findByContact(context.organizationId(), contact.id());
        if (givenPhone != null) {
            String phone = Arguments.phone(givenPhone);
            Optional<String> known = CallerPhone.of(contact).or(() -> own.map(Lead::phone));
            if (known.filter(number -> sameNumber(number, phone)).isEmpty()) {
                throw notTheirs(tool);
            }
        }
        return own;
    }

    /** Creates or updates the contact's own lead. */
    Lead capture(ToolContext context, String givenPhone, LeadRepository.Fields fields, String tool) {
        Contact contact = contact(context, tool);
        Optional<String> whatsApp = CallerPhone.of(contact);
        String given = givenPhone == null ? null : Arguments.phone(givenPhone);
        if (whatsApp.isPresent() && given != null && !sameNumber(whatsApp.get(), given)) {
            throw notTheirs(tool);
        }
        String phone = whatsApp.or(() -> Optional.ofNullable(given))
                .or(() -> leads.findByContact(context.organizationId(), contact.id())
                        .map(Lead::phone))
                .orElseThrow(() -> new InvalidRequestException(
                        "phone_required",
                        "No phone number is known for " + "this user. Ask the user for a phone number, then call "
                                + tool + " again with it."));
        return leads.capture(context.organizationId(), context.chatbotId(), contact.id(), phone, fields);
    }

    private Contact contact(ToolContext context, String tool) {
        return callerPhone
                .contact(context)
                .orElseThrow(() -> new InvalidRequestException(
                        "no_contact",
                        tool + " works on the lead of the person in a conversation, and this call has none."));
    }

    /** "+5215512345678" and "5215512345678" are the same number; both spellings reach the tools. */
    private static boolean sameNumber(String a, String b) {
        return a.replace("+", "").equals(b.replace("+", ""));
    }

    private static InvalidRequestException notTheirs(String tool) {
        return new InvalidRequestException(
                "not_this_contact",
                tool + " works only on the lead of the person in this "
                        + "conversation, and that phone number is not theirs. Call it again without phone to use their own "
                        + "number; never look up or change other people's leads.");
    }
}
