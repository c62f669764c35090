package io.parley.tools.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.parley.llm.ToolSpec;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Checks a model's arguments against the tool's JSON Schema before anything runs. */
@Component
class ArgumentValidator {
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private final Cache<String, Schema> schemas = Caffeine.newBuilder().maximumSize(1_000).build();

    /** Problems in plain words for the model, empty when the arguments are valid. */
    List<String> problems(ToolSpec spec, JsonNode arguments) {
        Schema schema = schemas.get(spec.parametersSchema(), registry::getSchema);
        return schema.validate(arguments).stream().map(ArgumentValidator::describe).distinct().limit(10)
                .collect(Collectors.toList());
    }

    /** Names the argument: the model must know which one to fix. */
    private static String describe(com.networknt.schema.Error error) {
        String pointer = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        String argument = pointer.replaceFirst("^[/$.]+", "").replace('/', '.');
        return argument.isEmpty() ? error.getMessage() : argument + ": " + error.getMessage();
    }
}
