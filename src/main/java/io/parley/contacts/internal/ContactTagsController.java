package io.parley.contacts.internal;

import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.contacts.Contacts;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.Chatbots;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tags of a contact, set by staff (the bot adds tags through its {@code update_contact} tool). Campaigns select
 * their audience by tag. Contacts belong to the organization: the chatbot's organization scopes the contact, and
 * another organization's contact is not found.
 */
@RestController
@RequiresRole(Role.AGENT)
class ContactTagsController {
    static final int MAX_TAGS = 50;
    static final int MAX_TAG_LENGTH = 100;

    private final Contacts contacts;
    private final Chatbots chatbots;

    ContactTagsController(Contacts contacts, Chatbots chatbots) {
        this.contacts = contacts;
        this.chatbots = chatbots;
    }

    record Tags(List<String> tags) {}

    record Tagged(UUID id, List<String> tags) {}

    @PutMapping("/api/v1/chatbots/{botId}/contacts/{contactId}/tags")
    Tagged replace(
            @PathVariable String botId, @PathVariable String contactId, @RequestBody(required = false) Tags body) {
        ChatbotId chatbot = Ids.parse(botId, "chatbot", ChatbotId::new);
        ContactId contact = Ids.parse(contactId, "contact", ContactId::new);
        OrganizationId organization = chatbots.get(chatbot).organizationId();
        if (contacts.find(organization, contact).isEmpty()) {
            throw notFound(contactId);
        }
        if (body == null || body.tags() == null) {
            throw new InvalidRequestException("validation_failed", "tags is required (an array of strings)");
        }
        if (body.tags().size() > MAX_TAGS
                || body.tags().stream()
                        .anyMatch(t -> t == null || t.isBlank() || t.strip().length() > MAX_TAG_LENGTH)) {
            throw new InvalidRequestException(
                    "validation_failed",
                    "tags must be at most " + MAX_TAGS + " non-blank strings of at most " + MAX_TAG_LENGTH
                            + " characters");
        }
        if (!contacts.setTags(organization, contact, body.tags())) {
            throw notFound(contactId);
        }
        return new Tagged(contact.value(), contacts.find(contact).orElseThrow().tags());
    }

    private static NotFoundException notFound(String contactId) {
        return new NotFoundException("contact_not_found", "No contact with id '" + contactId + "'");
    }
}
