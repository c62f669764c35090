package io.parley.mcp.internal;

import io.parley.contacts.Contact;
import io.parley.conversation.ConversationSummary;
import io.parley.conversation.Conversations;
import io.parley.conversation.MessageEntry;
import java.time.Instant;
import java.util.List;

/** What the tools return, as plain JSON-friendly records (ids and instants as strings). */
final class Views {
    private Views() {}

    record ContactView(String name, String phone) {
        static ContactView of(Contact contact) {
            return contact == null
                    ? null
                    : new ContactView(
                            contact.displayName(),
                            contact.phone().map(phone -> phone.substring(1)).orElse(null));
        }
    }

    record ConversationView(
            String id,
            String organizationId,
            String chatbotId,
            String channel,
            ContactView contact,
            String owner,
            String lastMessageAt) {
        static ConversationView of(ConversationSummary s) {
            return new ConversationView(
                    s.id().toString(),
                    s.organizationId().toString(),
                    s.chatbotId().toString(),
                    s.channel().wireName(),
                    ContactView.of(s.contact()),
                    s.owner().wireName(),
                    text(s.lastMessageAt()));
        }
    }

    record ConversationList(List<ConversationView> conversations) {}

    record MessageView(String id, String role, String type, String content, String createdAt, String deliveryStatus) {
        static MessageView of(MessageEntry m) {
            return new MessageView(
                    m.id().toString(),
                    m.role(),
                    m.type(),
                    m.content(),
                    text(m.createdAt()),
                    m.delivery() == null ? null : m.delivery().status().wireName());
        }
    }

    record Messages(String conversationId, List<MessageView> messages) {}

    record FoundView(String conversationId, MessageView message) {
        static FoundView of(Conversations.Found found) {
            return new FoundView(found.conversationId().toString(), MessageView.of(found.message()));
        }
    }

    record SearchResults(String query, List<FoundView> matches) {}

    record Queued(String conversationId, String messageId, String status) {}

    record OwnerChanged(String conversationId, String owner) {}

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
