package io.parley.tenancy.internal;

import io.parley.platform.InvalidRequestException;
import io.parley.tenancy.ChatbotEngine;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Merges {@code engine} and {@code flowKey} of a chatbot PATCH into its current engine: present replaces, absent
 * keeps, {@code "flowKey": null} clears the key.
 */
final class EnginePatches {
    private EnginePatches() {}

    static ChatbotEngine merge(ChatbotEngine current, JsonNode patch) {
        ChatbotEngine.Kind kind = current.kind();
        if (patch.has("engine")) {
            JsonNode value = patch.get("engine");
            kind = value.isString() ? ChatbotEngine.Kind.fromWire(value.asString()) : null;
            if (kind == null) {
                throw invalid("engine", "must be one of agent, flow, external");
            }
        }
        String flowKey = current.flowKey();
        if (patch.has("flowKey")) {
            JsonNode value = patch.get("flowKey");
            if (!value.isNull() && !value.isString()) {
                throw invalid("flowKey", "must be a string");
            }
            flowKey = value.isNull() ? null : value.asString();
        }
        return new ChatbotEngine(kind, flowKey);
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(
                "validation_failed",
                field + " " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
