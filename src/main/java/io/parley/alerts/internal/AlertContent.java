package io.parley.alerts.internal;

import io.parley.events.StoredEvent;
import io.parley.events.SystemEvent;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** The same alert as a one-line text (Slack, email subject and body) and as a JSON document (webhooks). */
final class AlertContent {
    private AlertContent() {}

    static String subject(StoredEvent stored) {
        SystemEvent e = stored.event();
        return "[Parley] " + e.level().name() + " " + e.type();
    }

    static String text(StoredEvent stored) {
        SystemEvent e = stored.event();
        StringBuilder text = new StringBuilder(subject(stored))
                .append(" (event ")
                .append(stored.id())
                .append(")");
        text.append("\norganization: ").append(e.organizationId());
        if (e.chatbotId() != null) {
            text.append("\nchatbot: ").append(e.chatbotId());
        }
        if (e.conversationId() != null) {
            text.append("\nconversation: ").append(e.conversationId());
        }
        e.payload()
                .forEach((key, value) ->
                        text.append('\n').append(key).append(": ").append(value));
        return text.toString();
    }

    /**
     * {@link #text} for Slack, escaped by Slack's rules ({@code &}, {@code <}, {@code >}): payloads carry text from
     * webhooks and tenants (template names and reasons, Meta's error titles, ...), and unescaped it could mention
     * {@code <!channel>} or show a forged {@code <http://evil|link>}.
     */
    static String slackText(StoredEvent stored) {
        return text(stored).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static Map<String, Object> document(UUID deliveryId, StoredEvent stored) {
        SystemEvent e = stored.event();
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", stored.id());
        event.put("level", e.level().name().toLowerCase(Locale.ROOT));
        event.put("type", e.type());
        event.put("createdAt", e.occurredAt() == null ? null : e.occurredAt().toString());
        event.put(
                "organizationId",
                e.organizationId() == null ? null : e.organizationId().value().toString());
        if (e.chatbotId() != null) {
            event.put("chatbotId", e.chatbotId().value().toString());
        }
        if (e.conversationId() != null) {
            event.put("conversationId", e.conversationId().value().toString());
        }
        event.put("payload", e.payload());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("deliveryId", deliveryId.toString());
        document.put("event", event);
        return document;
    }
}
