package io.parley.flows.internal;

import io.parley.platform.ChatbotId;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the flows routes read from a request the same way: the chatbot id, a {@code ?version=}, YAML content types. */
public final class FlowParams {
    public static final String YAML = "application/yaml";
    public static final List<String> YAML_TYPES = List.of(YAML, "application/x-yaml", "text/yaml", "text/x-yaml");

    private FlowParams() {}

    public static ChatbotId chatbot(String value) {
        return Ids.parse(value, "chatbot", ChatbotId::new);
    }

    /** A positive version number, or null when not given; anything else is a 400 naming {@code version}. */
    public static Integer version(String value) {
        if (value == null) {
            return null;
        }
        try {
            int version = Integer.parseInt(value.strip());
            if (version > 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException(
                "validation_failed",
                "version must be a positive whole number",
                Map.of("errors", List.of(Map.of("field", "version", "message", "must be a positive whole number"))));
    }

    /** Whether a content type (or an Accept value) names YAML. */
    public static boolean mentionsYaml(String type) {
        String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
        return YAML_TYPES.stream().anyMatch(lower::contains);
    }
}
