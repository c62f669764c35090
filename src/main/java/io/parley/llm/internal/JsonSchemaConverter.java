package io.parley.llm.internal;

import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNullSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a tool's JSON Schema text (as HTTP and MCP tool servers publish it) into LangChain4j's schema model, which
 * every provider adapter then renders in its own dialect. The subset providers understand is kept (types,
 * descriptions, required, enums, nested objects and arrays, anyOf, nullable type arrays); keywords they ignore
 * anyway ({@code format}, {@code minimum}, ...) are dropped here but still enforced, since Parley validates the
 * arguments against the full original schema before it runs a tool. LangChain4j's own
 * {@code JsonSchemaElementJsonUtils.fromMap} keeps what it does not model as {@code JsonRawSchema}, which not every
 * provider adapter can render; this converter only produces elements all of them support.
 */
final class JsonSchemaConverter {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonSchemaConverter() {}

    static JsonObjectSchema toObjectSchema(String schemaJson) {
        JsonNode root;
        try {
            root = JSON.readTree(schemaJson);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("A tool's parameter schema is not JSON: " + e.getMessage(), e);
        }
        JsonSchemaElement element = convert(root);
        if (element instanceof JsonObjectSchema object) {
            return object;
        }
        // Providers only accept object parameters; a non-object schema becomes an object with no properties.
        return JsonObjectSchema.builder().build();
    }

    static JsonSchemaElement convert(JsonNode node) {
        if (node == null || !node.isObject()) {
            return JsonStringSchema.builder().build();
        }
        String description = node.has("description") ? node.path("description").asString() : null;
        if (node.has("enum") && node.path("enum").isArray()) {
            List<String> values = new ArrayList<>();
            node.path("enum").forEach(v -> values.add(v.isString() ? v.asString() : v.toString()));
            return JsonEnumSchema.builder()
                    .enumValues(values)
                    .description(description)
                    .build();
        }
        if (node.has("anyOf") || node.has("oneOf")) {
            List<JsonSchemaElement> options = new ArrayList<>();
            node.path(node.has("anyOf") ? "anyOf" : "oneOf").forEach(option -> options.add(convert(option)));
            return JsonAnyOfSchema.builder()
                    .anyOf(options)
                    .description(description)
                    .build();
        }
        JsonNode type = node.path("type");
        if (type.isArray()) {
            // ["string", "null"]: a nullable value; providers understand the non-null part.
            List<JsonSchemaElement> options = new ArrayList<>();
            for (JsonNode t : type) {
                options.add(typed(t.asString(), node, description));
            }
            return options.size() == 1
                    ? options.getFirst()
                    : JsonAnyOfSchema.builder()
                            .anyOf(options)
                            .description(description)
                            .build();
        }
        String typeName = type.isString() ? type.asString() : node.has("properties") ? "object" : "string";
        return typed(typeName, node, description);
    }

    private static JsonSchemaElement typed(String type, JsonNode node, String description) {
        return switch (type) {
            case "object" -> object(node, description);
            case "array" ->
                JsonArraySchema.builder()
                        .description(description)
                        .items(
                                node.has("items")
                                        ? convert(node.path("items"))
                                        : JsonStringSchema.builder().build())
                        .build();
            case "integer" ->
                JsonIntegerSchema.builder().description(description).build();
            case "number" -> JsonNumberSchema.builder().description(description).build();
            case "boolean" ->
                JsonBooleanSchema.builder().description(description).build();
            case "null" -> new JsonNullSchema();
            default -> JsonStringSchema.builder().description(description).build();
        };
    }

    private static JsonObjectSchema object(JsonNode node, String description) {
        JsonObjectSchema.Builder builder = JsonObjectSchema.builder().description(description);
        for (Map.Entry<String, JsonNode> property : node.path("properties").properties()) {
            builder.addProperty(property.getKey(), convert(property.getValue()));
        }
        List<String> required = new ArrayList<>();
        node.path("required").forEach(r -> required.add(r.asString()));
        if (!required.isEmpty()) {
            builder.required(required);
        }
        if (node.path("additionalProperties").isBoolean()) {
            builder.additionalProperties(node.path("additionalProperties").asBoolean());
        }
        return builder.build();
    }
}
