package io.parley.llm;

import java.util.Objects;

/**
 * A tool the model may call.
 *
 * @param parametersSchema JSON Schema (an object schema, as JSON text) of the tool's arguments
 */
public record ToolSpec(String name, String description, String parametersSchema) {
    public ToolSpec {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        parametersSchema = parametersSchema == null || parametersSchema.isBlank()
                ? "{\"type\":\"object\",\"properties\":{}}"
                : parametersSchema;
    }
}
