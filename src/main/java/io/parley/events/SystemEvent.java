package io.parley.events;

import io.parley.platform.ChatbotId;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something operators should be able to see later. {@code type} is namespaced ({@code whatsapp.unknown_phone_number},
 * {@code delivery.failed}, {@code llm.error}); payloads hold ids and codes, never message text or phone numbers.
 */
public record SystemEvent(
        Level level,
        String type,
        OrganizationId organizationId,
        ChatbotId chatbotId,
        ConversationId conversationId,
        Map<String, Object> payload,
        Instant occurredAt) {
    public enum Level {
        INFO,
        WARN,
        ERROR,
        CRITICAL
    }

    public SystemEvent {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(type, "type");
        payload = payload == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }

    public static Builder of(Level level, String type) {
        return new Builder(level, type);
    }

    public static final class Builder {
        private final Level level;
        private final String type;
        private OrganizationId organizationId;
        private ChatbotId chatbotId;
        private ConversationId conversationId;
        private final Map<String, Object> payload = new LinkedHashMap<>();

        private Builder(Level level, String type) {
            this.level = level;
            this.type = type;
        }

        public Builder organization(OrganizationId id) {
            this.organizationId = id;
            return this;
        }

        public Builder chatbot(ChatbotId id) {
            this.chatbotId = id;
            return this;
        }

        public Builder conversation(ConversationId id) {
            this.conversationId = id;
            return this;
        }

        public Builder with(String key, Object value) {
            if (value != null) {
                payload.put(key, value);
            }
            return this;
        }

        public SystemEvent build() {
            return new SystemEvent(level, type, organizationId, chatbotId, conversationId, payload, null);
        }
    }
}
