package io.parley.channels.whatsapp.graph;

import io.parley.delivery.OutboundContent;
import io.parley.delivery.SendOutcome;
import io.parley.platform.Secret;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /{phone-number-id}/messages} for every kind of send, read receipts and typing.
 */
@Component
public class GraphMessages {
    private final GraphClient graph;

    GraphMessages(GraphClient graph) {
        this.graph = graph;
    }

    /**
     * Sends any kind of message, as a reply to {@code contextMessageId} (a wamid) when set. Our outbound id travels
     * as {@code biz_opaque_callback_data} and comes back in status webhooks, which lets a send whose response was
     * lost be matched later.
     */
    public SendOutcome send(
            String phoneNumberId,
            Secret token,
            String recipient,
            OutboundContent content,
            String contextMessageId,
            String callbackData) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        // Username-only users have no phone number; Meta addresses them by business-scoped user id (CC.xxxx).
        // Contacts keep phones in E.164 ('+'); Graph takes the wa_id form, digits only, as it always did.
        body.put(
                isBusinessScopedId(recipient) ? "recipient" : "to",
                recipient.startsWith("+") ? recipient.substring(1) : recipient);
        if (contextMessageId != null) {
            body.put("context", Map.of("message_id", contextMessageId));
        }
        WaOutboundMessages.put(body, content);
        body.put("biz_opaque_callback_data", callbackData);
        try {
            GraphResponse response = graph.postJson(phoneNumberId + "/messages", token, body);
            if (response.ok()) {
                return messageId(response)
                        .<SendOutcome>map(SendOutcome.Sent::new)
                        .orElseGet(() -> new SendOutcome.RetryLater(
                                "no_message_id",
                                "Graph API answered " + response.status() + " without a message id",
                                null));
            }
            return GraphOutcomes.forFailure(response.status(), response.error(), response.retryAfter());
        } catch (IOException e) {
            return GraphOutcomes.forIoFailure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.RetryLater("interrupted", "Interrupted while sending", null);
        }
    }

    /** Marks a message read and shows "typing…" until we reply (or 25 s pass). */
    public void markReadWithTyping(String phoneNumberId, Secret token, String wamid) {
        Map<String, Object> body = Map.of(
                "messaging_product",
                "whatsapp",
                "status",
                "read",
                "message_id",
                wamid,
                "typing_indicator",
                Map.of("type", "text"));
        try {
            GraphResponse response = graph.postJson(phoneNumberId + "/messages", token, body);
            if (!response.ok()) {
                GraphError error = response.error();
                throw new IllegalStateException("Graph API answered " + response.status() + " to mark-as-read"
                        + (error == null ? "" : " (code " + error.code() + ")"));
            }
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Mark-as-read failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during mark-as-read", e);
        }
    }

    private static Optional<String> messageId(GraphResponse response) {
        try {
            JsonNode id = response.json().path("messages").path(0).path("id");
            return id.isString() && !id.asString().isBlank() ? Optional.of(id.asString()) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    static boolean isBusinessScopedId(String recipient) {
        return recipient.indexOf('.') > 0 && !recipient.chars().allMatch(c -> Character.isDigit(c) || c == '+');
    }
}
