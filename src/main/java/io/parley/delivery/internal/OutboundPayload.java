package io.parley.delivery.internal;

import io.parley.delivery.OutboundContent;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code outbound_messages.payload}: {@code {"type": "text", "text": "..."}} (the only shape before structured
 * content, still written for text) or {@code {"type": "<kind>", "<kind>": {...}}}, plus {@code context} (the wamid
 * replied to) when set. Content retention replaces it with {@code {"anonymized": true, "kind": "<kind>"}}: such a
 * payload decodes to no content and is never sent.
 */
final class OutboundPayload {
    /** SQL: the anonymized form of the row's {@code payload}. */
    static final String ANONYMIZED =
            "jsonb_build_object('anonymized', true, 'kind', " + "coalesce(payload ->> 'type', 'text'))";

    private OutboundPayload() {}

    /** SQL: whether the {@code payload} column of {@code alias} holds content (is not anonymized). */
    static String hasContent(String alias) {
        return "coalesce(" + alias + ".payload ->> 'anonymized', 'false') <> 'true'";
    }

    /** @param content null when content retention removed it */
    record Decoded(OutboundContent content, String contextMessageId) {}

    static String write(JsonMapper json, OutboundContent content, String contextMessageId) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", content.wireType());
        payload.put(content.wireType(), content instanceof OutboundContent.Text text ? text.text() : content);
        if (contextMessageId != null) {
            payload.put("context", contextMessageId);
        }
        return json.writeValueAsString(payload);
    }

    static Decoded read(JsonMapper json, String payload) {
        JsonNode node = json.readTree(payload);
        if (node.path("anonymized").asBoolean(false)) {
            return new Decoded(null, null);
        }
        String type = node.path("type").asString("text");
        JsonNode body = node.path(type);
        OutboundContent content = switch (type) {
            case "media" -> json.treeToValue(body, OutboundContent.Media.class);
            case "interactive" -> json.treeToValue(body, OutboundContent.Interactive.class);
            case "reaction" -> json.treeToValue(body, OutboundContent.Reaction.class);
            case "location" -> json.treeToValue(body, OutboundContent.Location.class);
            case "template" -> json.treeToValue(body, OutboundContent.Template.class);
            default -> new OutboundContent.Text(node.path("text").asString());
        };
        JsonNode context = node.path("context");
        return new Decoded(content, context.isString() ? context.asString() : null);
    }
}
