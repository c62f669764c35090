package io.parley.flows.definition;

import io.parley.flows.definition.Findings.Where;
import io.parley.flows.parse.ParserRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads {@code parse}: a parser name, or one name mapped to its options. Which names exist and which options each
 * takes is asked of {@link ParserRegistry}, the parsers a turn builds (docs/flows.md lists them).
 */
final class ParseSpecs {
    /** The parsers and the options each takes: {@code io.parley.flows.parse}'s, so a saved flow builds at its turn. */
    private static final ParserRegistry REGISTRY = ParserRegistry.standard();

    private final Fields fields;

    ParseSpecs(Fields fields) {
        this.fields = fields;
    }

    ParseSpec read(JsonNode node, Where where) {
        if (node == null || node.isNull()) {
            return new ParseSpec("text", JsonNodeFactory.instance.objectNode());
        }
        String name;
        JsonNode options;
        if (node.isString()) {
            name = node.asString().strip();
            options = JsonNodeFactory.instance.objectNode();
        } else if (node.isObject() && node.size() == 1) {
            name = node.propertyNames().iterator().next();
            options = node.get(name);
        } else {
            fields.findings().add(where, "parse", "must be a parser name or {<parser>: <options>}");
            return null;
        }
        if (!known(name, where)) {
            return null;
        }
        // the parsers themselves say what their options must be: the same check as when a turn builds them
        Object plain = node.isString() ? name : JsonMapper.shared().treeToValue(node, Object.class);
        REGISTRY.validate(plain).forEach(problem -> fields.findings().add(where, "parse." + name, problem));
        return new ParseSpec(name, options.isNull() ? JsonNodeFactory.instance.objectNode() : options);
    }

    private boolean known(String name, Where where) {
        if (REGISTRY.names().contains(name)) {
            return true;
        }
        String hint = Suggestions.closest(name, REGISTRY.names())
                .map(s -> " (did you mean '" + s + "'?)")
                .orElse("");
        fields.findings().add(where, "parse", "unknown parser '" + name + "'" + hint);
        return false;
    }
}
