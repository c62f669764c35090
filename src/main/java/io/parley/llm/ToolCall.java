package io.parley.llm;

import java.util.Objects;

/**
 * The model asking to run a tool.
 *
 * @param id            the provider's id for the call, echoed in the tool result (synthesized when a provider has none)
 * @param argumentsJson the arguments as JSON text, exactly as the model produced them (may be invalid JSON)
 */
public record ToolCall(String id, String name, String argumentsJson) {
    public ToolCall {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        argumentsJson = argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson;
    }
}
