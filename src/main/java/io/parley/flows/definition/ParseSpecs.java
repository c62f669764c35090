package io.parley.flows.definition;

import io.parley.flows.definition.Findings.Where;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Reads {@code parse}: a parser name, or one name mapped to its options. The names and option keys Parley knows are
 * listed here (docs/flows.md); what each parser does is {@code io.parley.flows.parse}'s.
 */
final class ParseSpecs {
    /** Parser name → the option keys it takes. */
    static final Map<String, Set<String>> PARSERS = Map.ofEntries(
            Map.entry("text", Set.of("min_length", "max_length")),
            Map.entry("yes_no", Set.of()),
            Map.entry("number", Set.of("min", "max", "integer")),
            Map.entry("money", Set.of("currency_default", "currencies", "min", "max")),
            Map.entry("date", Set.of("future_only", "past_only")),
            Map.entry("email", Set.of()),
            Map.entry("phone", Set.of("region_default")),
            Map.entry("regex", Set.of("pattern")),
            Map.entry("media", Set.of("kinds", "max")),
            Map.entry("choice", Set.of("options")),
            Map.entry("references", Set.of("max_images")),
            Map.entry("dimensions", Set.of("unit_default")));

    private static final Pattern DATA_PATH = Pattern.compile("(answers|vars)\\.[a-z0-9_]+(\\.[a-z0-9_]+)*");

    private final Fields fields;

    ParseSpecs(Fields fields) {
        this.fields = fields;
    }

    ParseSpec read(JsonNode node, Where where) {
        if (node == null || node.isNull()) {
            return new ParseSpec("text", JsonNodeFactory.instance.objectNode());
        }
        if (node.isString()) {
            String name = node.asString().strip();
            if (!known(name, where)) {
                return null;
            }
            if (name.equals("choice") || name.equals("regex")) {
                fields.findings().add(where, "parse", name + " needs its options, e.g. {" + name + ": ...}");
            }
            return new ParseSpec(name, JsonNodeFactory.instance.objectNode());
        }
        if (!node.isObject() || node.size() != 1) {
            fields.findings().add(where, "parse", "must be a parser name or {<parser>: <options>}");
            return null;
        }
        String name = node.propertyNames().iterator().next();
        if (!known(name, where)) {
            return null;
        }
        JsonNode options = node.get(name);
        Where at = where.field("parse." + name);
        // Shorthands of the spec: {choice: [ids] | vars.x} and {regex: "pattern"}.
        if (name.equals("choice") && (options.isArray() || options.isString())) {
            choices(options, at);
        } else if (name.equals("regex") && options.isString()) {
            pattern(options.asString(), at);
        } else if (options.isObject()) {
            fields.onlyKeys(options, at, PARSERS.get(name));
            if (name.equals("choice")) {
                if (options.has("options")) {
                    choices(options.get("options"), at.field("options"));
                } else {
                    fields.findings().add(at, "options", "is required");
                }
            }
            if (name.equals("regex")) {
                pattern(fields.text(options, at, "pattern", true), at.field("pattern"));
            }
        } else if (!options.isNull()) {
            fields.findings().add(at, null, "must be a mapping of options");
        }
        return new ParseSpec(name, options.isNull() ? JsonNodeFactory.instance.objectNode() : options);
    }

    private boolean known(String name, Where where) {
        if (PARSERS.containsKey(name)) {
            return true;
        }
        String hint = Suggestions.closest(name, PARSERS.keySet())
                .map(s -> " (did you mean '" + s + "'?)")
                .orElse("");
        fields.findings().add(where, "parse", "unknown parser '" + name + "'" + hint);
        return false;
    }

    private void choices(JsonNode options, Where where) {
        if (options.isString()) {
            if (!DATA_PATH.matcher(options.asString().strip()).matches()) {
                fields.findings().add(where, null, "must be a list of ids or a path such as vars.find_slots");
            }
            return;
        }
        if (!options.isArray() || options.isEmpty() || options.size() > 50) {
            fields.findings().add(where, null, "must be a list of 1 to 50 ids");
            return;
        }
        for (int i = 0; i < options.size(); i++) {
            JsonNode option = options.get(i);
            if (!(option.isString() && !option.asString().isBlank()) && !option.isObject()) {
                fields.findings().add(where, "[" + i + "]", "must be an id or {id, synonyms}");
            }
        }
    }

    private void pattern(String pattern, Where where) {
        if (pattern == null) {
            return;
        }
        if (pattern.length() > 500) {
            fields.findings().add(where, null, "must be at most 500 characters");
            return;
        }
        try {
            Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            fields.findings().add(where, null, "is not a valid regular expression: " + e.getDescription());
        }
    }
}
