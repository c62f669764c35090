package io.parley.channels.whatsapp.inbound.payload;

import static io.parley.channels.whatsapp.JsonReads.bool;
import static io.parley.channels.whatsapp.JsonReads.hasText;
import static io.parley.channels.whatsapp.JsonReads.object;
import static io.parley.channels.whatsapp.JsonReads.plain;
import static io.parley.channels.whatsapp.JsonReads.putIfPresent;
import static io.parley.channels.whatsapp.JsonReads.text;

import io.parley.channels.whatsapp.graph.WaError;
import io.parley.channels.whatsapp.graph.WaErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one element of {@code value.messages[]} into a normalized type, a plain-text rendering and snake_case
 * details. Unknown kinds become {@code unsupported} instead of failing: Meta adds message types without notice.
 */
final class WaMessageNormalizer {
    private final JsonMapper jsonMapper;

    WaMessageNormalizer(JsonMapper jsonMapper) {
        this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
    }

    NormalizedContent normalize(JsonNode message) {
        String type = Objects.requireNonNullElse(text(message, "type"), "");
        Map<String, Object> details = new LinkedHashMap<>();
        NormalizedContent content = switch (type) {
            case "text" -> new NormalizedContent("text", text(object(message, "text"), "body"), details);
            case "image", "video", "document", "audio", "sticker" -> media(type, object(message, type), details);
            case "location" -> WaStructuredContent.location(object(message, "location"), details);
            case "contacts" -> WaStructuredContent.contacts(message, details);
            case "order" -> WaStructuredContent.order(object(message, "order"), details);
            case "system" -> WaStructuredContent.system(object(message, "system"), details);
            case "interactive" -> interactive(object(message, "interactive"), details);
            case "button" -> templateButton(object(message, "button"), details);
            case "reaction" -> reaction(object(message, "reaction"), details);
            default -> unsupported(type, object(message, "unsupported"), details);
        };
        addCommon(message, details);
        return content;
    }

    private static NormalizedContent media(String type, JsonNode media, Map<String, Object> details) {
        putIfPresent(details, "id", text(media, "id"));
        putIfPresent(details, "mime_type", text(media, "mime_type"));
        putIfPresent(details, "sha256", text(media, "sha256"));
        String caption = text(media, "caption");
        putIfPresent(details, "caption", caption);
        String filename = text(media, "filename");
        Boolean voice = bool(media, "voice");
        switch (type) {
            case "document" -> putIfPresent(details, "filename", filename);
            case "audio" -> putIfPresent(details, "voice", voice);
            case "sticker" -> putIfPresent(details, "animated", bool(media, "animated"));
            default -> {}
        }
        String text = hasText(caption)
                ? caption
                : switch (type) {
                    case "document" -> hasText(filename) ? "[document: " + filename + "]" : "[document]";
                    case "audio" -> Boolean.TRUE.equals(voice) ? "[voice message]" : "[audio]";
                    default -> "[" + type + "]";
                };
        return new NormalizedContent(type, text, details);
    }

    private NormalizedContent interactive(JsonNode interactive, Map<String, Object> details) {
        String kind = Objects.requireNonNullElse(text(interactive, "type"), "");
        JsonNode reply = object(interactive, kind);
        return switch (kind) {
            case "button_reply" -> {
                putIfPresent(details, "id", text(reply, "id"));
                putIfPresent(details, "title", text(reply, "title"));
                yield new NormalizedContent("button_reply", text(reply, "title"), details);
            }
            case "list_reply" -> {
                putIfPresent(details, "id", text(reply, "id"));
                putIfPresent(details, "title", text(reply, "title"));
                putIfPresent(details, "description", text(reply, "description"));
                yield new NormalizedContent("list_reply", text(reply, "title"), details);
            }
            case "nfm_reply" -> flowReply(reply, details);
            default -> {
                putIfPresent(details, "interactive_type", kind.isEmpty() ? null : kind);
                yield unsupported("interactive", null, details);
            }
        };
    }

    private NormalizedContent flowReply(JsonNode reply, Map<String, Object> details) {
        putIfPresent(details, "name", text(reply, "name"));
        String body = text(reply, "body");
        putIfPresent(details, "body", body);
        String responseJson = text(reply, "response_json");
        Object response = parseObject(responseJson);
        if (response != null) {
            details.put("response", response);
        } else {
            putIfPresent(details, "response_raw", responseJson);
        }
        return new NormalizedContent("flow_reply", hasText(body) ? body : "[form response]", details);
    }

    /** response_json is a JSON document inside a string; a broken one is kept raw so no answer is lost. */
    private Object parseObject(String json) {
        if (!hasText(json)) {
            return null;
        }
        try {
            JsonNode node = jsonMapper.readTree(json);
            return node != null && node.isObject() ? plain(node) : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static NormalizedContent templateButton(JsonNode button, Map<String, Object> details) {
        String payload = text(button, "payload");
        String text = text(button, "text");
        putIfPresent(details, "payload", payload);
        putIfPresent(details, "text", text);
        return new NormalizedContent("template_button", hasText(text) ? text : payload, details);
    }

    /** An empty emoji is how Meta reports that the user took a reaction back. */
    private static NormalizedContent reaction(JsonNode reaction, Map<String, Object> details) {
        putIfPresent(details, "message_id", text(reaction, "message_id"));
        String emoji = text(reaction, "emoji");
        boolean removed = !hasText(emoji);
        if (!removed) {
            details.put("emoji", emoji);
        }
        details.put("removed", removed);
        return new NormalizedContent("reaction", removed ? "[reaction removed]" : "[reaction " + emoji + "]", details);
    }

    private static NormalizedContent unsupported(
            String originalType, JsonNode unsupported, Map<String, Object> details) {
        putIfPresent(details, "original_type", originalType.isEmpty() ? null : originalType);
        putIfPresent(details, "unsupported_type", text(unsupported, "type"));
        return new NormalizedContent("unsupported", "[unsupported message]", details);
    }

    private static void addCommon(JsonNode message, Map<String, Object> details) {
        JsonNode context = object(message, "context");
        boolean frequentlyForwarded = Boolean.TRUE.equals(bool(context, "frequently_forwarded"));
        if (frequentlyForwarded || Boolean.TRUE.equals(bool(context, "forwarded"))) {
            details.put("forwarded", true);
        }
        if (frequentlyForwarded) {
            details.put("frequently_forwarded", true);
        }
        List<WaError> errors = WaErrors.read(message);
        if (!errors.isEmpty()) {
            details.put("errors", WaErrors.asDetails(errors));
        }
        putIfPresent(details, "referral", plain(object(message, "referral")));
        putIfPresent(details, "group_id", text(message, "group_id"));
    }
}
