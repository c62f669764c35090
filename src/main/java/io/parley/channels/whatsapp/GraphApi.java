package io.parley.channels.whatsapp;

import io.parley.delivery.OutboundContent;
import io.parley.delivery.SendOutcome;
import io.parley.platform.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Meta's Graph API on the wire: {@code POST /{phone-number-id}/messages} for every kind of send, read receipts and
 * typing.
 */
@Component
class GraphApi {
    private final HttpClient http;
    private final WhatsAppProperties properties;
    private final JsonMapper json;

    GraphApi(WhatsAppProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    /**
     * Sends any kind of message, as a reply to {@code contextMessageId} (a wamid) when set. Our outbound id travels
     * as {@code biz_opaque_callback_data} and comes back in status webhooks, which lets a send whose response was
     * lost be matched later.
     */
    SendOutcome send(String phoneNumberId, Secret token, String recipient, OutboundContent content,
                     String contextMessageId, String callbackData) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        // Username-only users have no phone number; Meta addresses them by business-scoped user id (CC.xxxx).
        // Contacts keep phones in E.164 ('+'); Graph takes the wa_id form, digits only, as it always did.
        body.put(isBusinessScopedId(recipient) ? "recipient" : "to",
                recipient.startsWith("+") ? recipient.substring(1) : recipient);
        if (contextMessageId != null) {
            body.put("context", Map.of("message_id", contextMessageId));
        }
        WaOutboundMessages.put(body, content);
        body.put("biz_opaque_callback_data", callbackData);
        try {
            HttpResponse<String> response = post(phoneNumberId, token, body);
            if (response.statusCode() / 100 == 2) {
                return messageId(response.body()).<SendOutcome>map(SendOutcome.Sent::new)
                        .orElseGet(() -> new SendOutcome.RetryLater("no_message_id",
                                "Graph API answered " + response.statusCode() + " without a message id", null));
            }
            return GraphOutcomes.forFailure(response.statusCode(), error(response.body()), retryAfter(response));
        } catch (IOException e) {
            return GraphOutcomes.forIoFailure(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SendOutcome.RetryLater("interrupted", "Interrupted while sending", null);
        }
    }

    /** Marks a message read and shows "typing…" until we reply (or 25 s pass). */
    void markReadWithTyping(String phoneNumberId, Secret token, String wamid) {
        Map<String, Object> body = Map.of("messaging_product", "whatsapp", "status", "read", "message_id", wamid,
                "typing_indicator", Map.of("type", "text"));
        try {
            HttpResponse<String> response = post(phoneNumberId, token, body);
            if (response.statusCode() / 100 != 2) {
                GraphOutcomes.GraphError error = error(response.body());
                throw new IllegalStateException("Graph API answered " + response.statusCode() + " to mark-as-read"
                        + (error == null ? "" : " (code " + error.code() + ")"));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Mark-as-read failed: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during mark-as-read", e);
        }
    }

    private HttpResponse<String> post(String phoneNumberId, Secret token, Map<String, Object> body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(properties.graphBase() + "/" + phoneNumberId + "/messages"))
                .timeout(properties.requestTimeout())
                .header("Authorization", "Bearer " + token.reveal())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private Optional<String> messageId(String body) {
        try {
            JsonNode id = json.readTree(body).path("messages").path(0).path("id");
            return id.isString() && !id.asString().isBlank() ? Optional.of(id.asString()) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    private GraphOutcomes.GraphError error(String body) {
        try {
            JsonNode error = json.readTree(body).path("error");
            if (error.isMissingNode() || !error.isObject()) {
                return null;
            }
            return new GraphOutcomes.GraphError(error.path("code").isNumber() ? error.path("code").asInt() : null,
                    error.path("message").isString() ? error.path("message").asString() : null,
                    error.path("error_data").path("details").isString()
                            ? error.path("error_data").path("details").asString() : null);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }).orElse(null);
    }

    static boolean isBusinessScopedId(String recipient) {
        return recipient.indexOf('.') > 0 && !recipient.chars().allMatch(c -> Character.isDigit(c) || c == '+');
    }
}
