package io.parley.conversation.internal;

import io.parley.contacts.Contact;
import io.parley.contacts.ContactIdentity;
import io.parley.conversation.ConversationSummary;
import io.parley.conversation.Conversations;
import io.parley.conversation.MessageEntry;
import io.parley.delivery.DeliveryView;
import io.parley.media.MediaInfo;
import io.parley.media.MediaLibrary;
import io.parley.platform.ChatbotId;
import io.parley.platform.ConversationId;
import io.parley.platform.Ids;
import io.parley.platform.MessageId;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.Chatbots;
import io.parley.tools.Tools;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@RestController
@RequestMapping("/api/v1")
class ConversationController {
    private final Conversations conversations;
    private final Chatbots chatbots;
    private final Tools tools;
    private final MediaLibrary media;
    private final JsonMapper json;

    ConversationController(
            Conversations conversations, Chatbots chatbots, Tools tools, MediaLibrary media, JsonMapper json) {
        this.conversations = conversations;
        this.chatbots = chatbots;
        this.tools = tools;
        this.media = media;
        this.json = json;
    }

    record ToolExecutionView(
            long id,
            String tool,
            JsonNode arguments,
            String status,
            JsonNode result,
            String error,
            long durationMs,
            int round,
            Instant createdAt) {}

    /** Every tool call the agent made in this conversation, oldest first. */
    @GetMapping("/conversations/{conversationId}/tool-executions")
    List<ToolExecutionView> toolExecutions(@PathVariable String conversationId) {
        ConversationId id = id(conversationId);
        conversations.get(id);
        return tools.executions(id).stream()
                .map(e -> new ToolExecutionView(
                        e.id(),
                        e.tool(),
                        json.readTree(e.argumentsJson()),
                        e.status().name().toLowerCase(),
                        e.resultJson() == null ? null : json.readTree(e.resultJson()),
                        e.error(),
                        e.durationMs(),
                        e.round(),
                        e.createdAt()))
                .toList();
    }

    record ContactView(UUID id, String name, String waId, List<ContactIdentity> identities) {
        static ContactView of(Contact c) {
            return c == null
                    ? null
                    : new ContactView(
                            c.id().value(),
                            c.displayName(),
                            c.phone().map(phone -> phone.substring(1)).orElse(null),
                            c.identities());
        }
    }

    record ConversationView(
            UUID id,
            UUID chatbotId,
            String channel,
            ContactView contact,
            String owner,
            Instant lastMessageAt,
            Instant createdAt) {
        static ConversationView of(ConversationSummary s) {
            return new ConversationView(
                    s.id().value(),
                    s.chatbotId().value(),
                    s.channel().wireName(),
                    ContactView.of(s.contact()),
                    s.owner().wireName(),
                    s.lastMessageAt(),
                    s.createdAt());
        }
    }

    record ErrorView(String code, String message) {}

    record DeliveryStatusView(String status, String providerMessageId, ErrorView error, int attempts) {
        static DeliveryStatusView of(DeliveryView d) {
            if (d == null) {
                return null;
            }
            ErrorView error = d.errorCode() == null ? null : new ErrorView(d.errorCode(), d.errorMessage());
            return new DeliveryStatusView(d.status().wireName(), d.providerMessageId(), error, d.attempts());
        }
    }

    /** An attachment as Parley serves it: {@code url} is Parley's, never the provider's. */
    record MediaView(UUID id, String kind, String mimeType, Long size, String status, String error, String url) {
        static MediaView of(MediaInfo m) {
            return m == null
                    ? null
                    : new MediaView(
                            m.id().value(),
                            m.kind(),
                            m.mimeType(),
                            m.sizeBytes(),
                            m.status().wireName(),
                            m.errorCode(),
                            m.url());
        }
    }

    record MessageView(
            UUID id,
            String role,
            String type,
            String content,
            Map<String, Object> details,
            String providerMessageId,
            Instant createdAt,
            DeliveryStatusView delivery,
            MediaView media,
            UUID sessionId) {
        static MessageView of(MessageEntry m, MediaInfo media) {
            return new MessageView(
                    m.id().value(),
                    m.role(),
                    m.type(),
                    m.content(),
                    m.details() == null || m.details().isEmpty() ? null : m.details(),
                    m.providerMessageId(),
                    m.createdAt(),
                    DeliveryStatusView.of(m.delivery()),
                    MediaView.of(media),
                    m.sessionId() == null ? null : m.sessionId().value());
        }
    }

    private List<MessageView> views(List<MessageEntry> messages) {
        Map<MessageId, MediaInfo> attachments =
                media.forMessages(messages.stream().map(MessageEntry::id).toList());
        return messages.stream()
                .map(m -> MessageView.of(m, attachments.get(m.id())))
                .toList();
    }

    @GetMapping("/chatbots/{botId}/conversations")
    List<ConversationView> list(@PathVariable String botId, @RequestParam(defaultValue = "50") int limit) {
        ChatbotId chatbotId = Ids.parse(botId, "chatbot", ChatbotId::new);
        chatbots.get(chatbotId);
        return conversations.list(chatbotId, limit).stream()
                .map(ConversationView::of)
                .toList();
    }

    @GetMapping("/conversations/{conversationId}")
    ConversationView get(@PathVariable String conversationId) {
        return ConversationView.of(conversations.get(id(conversationId)));
    }

    @GetMapping("/conversations/{conversationId}/messages")
    List<MessageView> messages(@PathVariable String conversationId, @RequestParam(defaultValue = "200") int limit) {
        return views(conversations.messages(id(conversationId), limit));
    }

    @GetMapping("/organizations/{orgId}/conversations/{conversationId}/messages")
    List<MessageView> messagesInOrganization(
            @PathVariable String orgId,
            @PathVariable String conversationId,
            @RequestParam(defaultValue = "200") int limit) {
        ConversationId id = id(conversationId);
        conversations.getInOrganization(Ids.parse(orgId, "organization", OrganizationId::new), id);
        return views(conversations.messages(id, limit));
    }

    private static ConversationId id(String value) {
        return Ids.parse(value, "conversation", ConversationId::new);
    }
}
