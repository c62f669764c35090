package io.parley.templates;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Graph API fields of a template message (whatsapp-cloud-api.md §3.7):
 * {@code {"type":"template","template":{"name","language":{"code"},"components":[{"type":"body","parameters":[...]}]}}}.
 * A template without body parameters is sent without components.
 */
public final class TemplatePayload {
    private TemplatePayload() {}

    public static Map<String, Object> of(String name, String language, List<String> bodyParameters) {
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("name", name);
        template.put("language", Map.of("code", language));
        if (!bodyParameters.isEmpty()) {
            List<Map<String, Object>> parameters = bodyParameters.stream()
                    .map(text -> Map.<String, Object>of("type", "text", "text", text))
                    .toList();
            template.put("components", List.of(Map.of("type", "body", "parameters", parameters)));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", "template");
        payload.put("template", template);
        return payload;
    }
}
