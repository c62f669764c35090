package io.parley.apidocs;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Short schema names without clashes. Controllers nest their views ({@code View}, {@code SourceView}, ...), and
 * several modules use the same simple name: by simple name alone, one would silently replace the other. springdoc
 * names them by class name ({@code springdoc.use-fqn}); this gives each its simple name when that is unique, else
 * its enclosing class's name (without {@code Controller}) and its own, and rewrites the references.
 */
class OpenApiSchemaNames implements OpenApiCustomizer {
    private static final String PREFIX = "#/components/schemas/";

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
            return;
        }
        Map<String, Schema> schemas = openApi.getComponents().getSchemas();
        Map<String, Long> simpleCounts = schemas.keySet().stream()
                .collect(Collectors.groupingBy(OpenApiSchemaNames::simple, Collectors.counting()));
        Map<String, String> renames = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        schemas.keySet().stream().sorted().forEach(name -> {
            String shorter = simpleCounts.get(simple(name)) == 1 ? simple(name) : qualified(name);
            // Two classes that still clash keep their class names: longer, never wrong.
            renames.put(name, taken.add(shorter) ? shorter : name);
        });
        Map<String, Schema> renamed = new TreeMap<>();
        schemas.forEach((name, schema) -> renamed.put(renames.get(name), schema));
        openApi.getComponents().setSchemas(renamed);
        Function<String, String> ref = value -> value.startsWith(PREFIX)
                ? PREFIX + renames.getOrDefault(value.substring(PREFIX.length()), value.substring(PREFIX.length()))
                : value;
        Set<Schema<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        renamed.values().forEach(schema -> rewrite(schema, ref, seen));
        if (openApi.getComponents().getResponses() != null) {
            openApi.getComponents()
                    .getResponses()
                    .values()
                    .forEach(response -> rewrite(response.getContent(), ref, seen));
        }
        if (openApi.getPaths() != null) {
            openApi.getPaths()
                    .values()
                    .forEach(item -> item.readOperations().forEach(operation -> {
                        if (operation.getParameters() != null) {
                            operation.getParameters().forEach(parameter -> {
                                rewrite(parameter.getSchema(), ref, seen);
                                rewrite(parameter.getContent(), ref, seen);
                            });
                        }
                        if (operation.getRequestBody() != null) {
                            rewrite(operation.getRequestBody().getContent(), ref, seen);
                        }
                        if (operation.getResponses() != null) {
                            operation
                                    .getResponses()
                                    .values()
                                    .forEach(response -> rewrite(response.getContent(), ref, seen));
                        }
                    }));
        }
    }

    /** {@code io.parley.tools.internal.ToolSourceController.SourceView} → {@code SourceView}. */
    private static String simple(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /**
     * {@code io.parley.tools.internal.ToolSourceController.SourceView} → {@code ToolSourceSourceView}: the
     * enclosing class (without {@code Controller}) and the class; a top-level class keeps its simple name.
     */
    private static String qualified(String name) {
        String[] parts = name.split("\\.");
        String enclosing = parts.length > 1 ? parts[parts.length - 2] : "";
        return !enclosing.isEmpty() && Character.isUpperCase(enclosing.charAt(0))
                ? enclosing.replaceFirst("Controller$", "") + parts[parts.length - 1]
                : parts[parts.length - 1];
    }

    private static void rewrite(Content content, Function<String, String> ref, Set<Schema<?>> seen) {
        if (content != null) {
            content.values().forEach(media -> rewrite(media.getSchema(), ref, seen));
        }
    }

    private static void rewrite(Schema<?> schema, Function<String, String> ref, Set<Schema<?>> seen) {
        if (schema == null || !seen.add(schema)) {
            return;
        }
        if (schema.get$ref() != null) {
            schema.set$ref(ref.apply(schema.get$ref()));
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> rewrite(property, ref, seen));
        }
        rewrite(schema.getItems(), ref, seen);
        rewrite(schema.getNot(), ref, seen);
        if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
            rewrite(additional, ref, seen);
        }
        for (List<Schema> group : java.util.Arrays.asList(
                schema.getAllOf(), schema.getAnyOf(), schema.getOneOf(), schema.getPrefixItems())) {
            if (group != null) {
                group.forEach(member -> rewrite(member, ref, seen));
            }
        }
    }
}
