package io.parley.channels.whatsapp.graph;

import io.parley.delivery.OutboundContent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The kind-specific part of a Graph send body ({@code type} and its object), spec §3.7 and §3.9. */
final class WaOutboundMessages {
    private WaOutboundMessages() {}

    /** Puts {@code type} and the kind's object into {@code body}. */
    static void put(Map<String, Object> body, OutboundContent content) {
        switch (content) {
            case OutboundContent.Text text -> {
                body.put("type", "text");
                body.put("text", Map.of("preview_url", false, "body", text.text()));
            }
            case OutboundContent.Media media -> {
                Map<String, Object> object = new LinkedHashMap<>();
                object.put(media.link() != null ? "link" : "id", media.link() != null ? media.link() : media.id());
                putIfSet(object, "caption", media.caption());
                putIfSet(object, "filename", media.filename());
                body.put("type", media.kind());
                body.put(media.kind(), object);
            }
            case OutboundContent.Interactive interactive -> {
                body.put("type", "interactive");
                body.put("interactive", interactive(interactive));
            }
            case OutboundContent.Reaction reaction -> {
                body.put("type", "reaction");
                body.put("reaction", Map.of("message_id", reaction.messageId(), "emoji", reaction.emoji()));
            }
            case OutboundContent.Location location -> {
                Map<String, Object> object = new LinkedHashMap<>();
                object.put("latitude", location.latitude());
                object.put("longitude", location.longitude());
                putIfSet(object, "name", location.name());
                putIfSet(object, "address", location.address());
                body.put("type", "location");
                body.put("location", object);
            }
            case OutboundContent.Template template -> {
                Map<String, Object> object = new LinkedHashMap<>();
                object.put("name", template.name());
                object.put("language", Map.of("code", template.language()));
                List<Object> parameters = template.parameters() == null ? List.of() : template.parameters();
                if (!parameters.isEmpty()) {
                    object.put(
                            "components",
                            List.of(Map.of(
                                    "type",
                                    "body",
                                    "parameters",
                                    parameters.stream()
                                            .map(p -> Map.of("type", "text", "text", p))
                                            .toList())));
                }
                body.put("type", "template");
                body.put("template", object);
            }
        }
    }

    private static Map<String, Object> interactive(OutboundContent.Interactive content) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("type", content.type());
        if (content.header() != null) {
            object.put("header", Map.of("type", "text", "text", content.header()));
        }
        object.put("body", Map.of("text", content.body()));
        if (content.footer() != null) {
            object.put("footer", Map.of("text", content.footer()));
        }
        object.put(
                "action",
                switch (content.type()) {
                    case "button" ->
                        Map.of(
                                "buttons",
                                content.buttons().stream()
                                        .map(b -> Map.of(
                                                "type", "reply", "reply", Map.of("id", b.id(), "title", b.title())))
                                        .toList());
                    case "list" ->
                        Map.of(
                                "button",
                                content.button(),
                                "sections",
                                content.sections().stream()
                                        .map(WaOutboundMessages::section)
                                        .toList());
                    default ->
                        Map.of(
                                "name",
                                "cta_url",
                                "parameters",
                                Map.of("display_text", content.displayText(), "url", content.url()));
                });
        return object;
    }

    private static Map<String, Object> section(OutboundContent.Section section) {
        Map<String, Object> object = new LinkedHashMap<>();
        putIfSet(object, "title", section.title());
        object.put(
                "rows",
                section.rows().stream()
                        .map(row -> {
                            Map<String, Object> r = new LinkedHashMap<>();
                            r.put("id", row.id());
                            r.put("title", row.title());
                            putIfSet(r, "description", row.description());
                            return r;
                        })
                        .toList());
        return object;
    }

    private static void putIfSet(Map<String, Object> object, String key, String value) {
        if (value != null) {
            object.put(key, value);
        }
    }
}
