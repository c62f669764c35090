package io.parley.tools.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.parley.llm.ToolSpec;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Checks a model's arguments against the tool's JSON Schema before anything runs. Patterns run with a budget
 * ({@link BudgetedPatterns}): a schema from a tenant's tool server must not be able to hold a thread.
 */
@Component
class ArgumentValidator {
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                    .regularExpressionFactory(new BudgetedPatterns())
                    .build()));
    private final Cache<String, Schema> schemas =
            Caffeine.newBuilder().maximumSize(1_000).build();

    /** Problems in plain words for the model, empty when the arguments are valid. */
    List<String> problems(ToolSpec spec, JsonNode arguments) {
        Schema schema = schemas.get(spec.parametersSchema(), registry::getSchema);
        try {
            return schema.validate(arguments).stream()
                    .map(ArgumentValidator::describe)
                    .distinct()
                    .limit(10)
                    .collect(Collectors.toList());
        } catch (BudgetedPatterns.PatternBudgetExceeded e) {
            return List.of("a value is too long or too complex to check against the pattern '" + truncate(e.pattern())
                    + "'; send a shorter value that matches it");
        }
    }

    /** Names the argument: the model must know which one to fix. */
    private static String describe(com.networknt.schema.Error error) {
        String pointer = error.getInstanceLocation() == null
                ? ""
                : error.getInstanceLocation().toString();
        String argument = pointer.replaceFirst("^[/$.]+", "").replace('/', '.');
        return argument.isEmpty() ? error.getMessage() : argument + ": " + error.getMessage();
    }

    private static String truncate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
