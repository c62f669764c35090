package io.parley.mcp.internal;

import io.parley.access.Caller;
import io.parley.contacts.Contact;
import io.parley.contacts.Contacts;
import io.parley.conversation.ConversationSummary;
import io.parley.conversation.Conversations;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.Chatbots;
import io.parley.tenancy.Organizations;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Resolves the ids of a tool call within what the caller may see. Another tenant's id is "not found", exactly
 * like an id that does not exist, so a key cannot probe for other organizations' data.
 */
@Component
class TenantScope {
    private final Organizations organizations;
    private final Chatbots chatbots;
    private final Conversations conversations;
    private final Contacts contacts;

    TenantScope(Organizations organizations, Chatbots chatbots, Conversations conversations, Contacts contacts) {
        this.contacts = contacts;
        this.organizations = organizations;
        this.chatbots = chatbots;
        this.conversations = conversations;
    }

    /** The organization a listing runs in: the key's own, or the {@code organizationId} argument for the operator. */
    OrganizationId organization(Caller caller, Arguments arguments) {
        UUID requested = arguments.optionalId("organizationId", "organization");
        if (!caller.operator()) {
            if (requested != null && !requested.equals(caller.organizationId().value())) {
                throw Arguments.notFound("organization", requested);
            }
            return caller.organizationId();
        }
        if (requested == null) {
            throw new ToolError("Argument 'organizationId' is required with the operator token");
        }
        OrganizationId id = new OrganizationId(requested);
        if (organizations.find(id).isEmpty()) {
            throw Arguments.notFound("organization", requested);
        }
        return id;
    }

    Chatbot chatbot(Caller caller, UUID chatbotId) {
        Chatbot chatbot =
                chatbots.find(new ChatbotId(chatbotId)).orElseThrow(() -> Arguments.notFound("chatbot", chatbotId));
        if (!caller.canAccess(chatbot.organizationId())) {
            throw Arguments.notFound("chatbot", chatbotId);
        }
        return chatbot;
    }

    Contact contact(Caller caller, UUID contactId) {
        Contact contact =
                contacts.find(new ContactId(contactId)).orElseThrow(() -> Arguments.notFound("contact", contactId));
        if (!caller.canAccess(contact.organizationId())) {
            throw Arguments.notFound("contact", contactId);
        }
        return contact;
    }

    ConversationSummary conversation(Caller caller, UUID conversationId) {
        try {
            ConversationSummary conversation = conversations.get(new ConversationId(conversationId));
            if (!caller.canAccess(conversation.organizationId())) {
                throw Arguments.notFound("conversation", conversationId);
            }
            return conversation;
        } catch (NotFoundException e) {
            throw Arguments.notFound("conversation", conversationId);
        }
    }
}
