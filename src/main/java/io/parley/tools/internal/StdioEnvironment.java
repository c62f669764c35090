package io.parley.tools.internal;

import io.parley.platform.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The environment of a stdio MCP server: {@code PATH}, {@code HOME} and {@code LANG} from Parley's own
 * environment (so commands like {@code npx} still resolve and run), then the variables the operator listed on the
 * source. Nothing else of Parley's environment (database URL, master key, provider keys) reaches the child.
 */
final class StdioEnvironment {
    /** Inherited from Parley's environment when set there. */
    static final List<String> INHERITED = List.of("PATH", "HOME", "LANG");

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    private static final int MAX_VARIABLES = 50;
    private static final int MAX_VALUE_LENGTH = 8_192;

    private StdioEnvironment() {}

    /** What the child process starts with: the inherited variables, then the source's own (which win). */
    static Map<String, String> forChild(Map<String, String> parent, Map<String, String> sourceVariables) {
        Map<String, String> environment = new LinkedHashMap<>();
        INHERITED.forEach(name -> {
            String value = parent.get(name);
            if (value != null) {
                environment.put(name, value);
            }
        });
        environment.putAll(sourceVariables);
        return environment;
    }

    /** Checks the variables of a registration; every problem is a 400 naming {@code env}. */
    static void check(Map<String, String> variables) {
        if (variables.size() > MAX_VARIABLES) {
            throw invalid("env may list at most " + MAX_VARIABLES + " variables");
        }
        variables.forEach((name, value) -> {
            if (name == null || !NAME.matcher(name).matches()) {
                throw invalid("env names must be letters, digits and '_' (not starting with a digit), at most 128 "
                        + "characters");
            }
            if (value == null || value.length() > MAX_VALUE_LENGTH || value.indexOf('\0') >= 0) {
                throw invalid(
                        "env needs a string value of at most " + MAX_VALUE_LENGTH + " characters for '" + name + "'");
            }
        });
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(
                "validation_failed", message, Map.of("errors", List.of(Map.of("field", "env", "message", message))));
    }
}
