package io.parley.mcp.internal;

import java.util.Map;
import java.util.UUID;

/** A tool call's arguments, read with errors that name the argument (the input schema says the same). */
final class Arguments {
    private final Map<String, Object> values;

    Arguments(Map<String, Object> values) {
        this.values = values == null ? Map.of() : values;
    }

    String requiredText(String name, int maxLength) {
        String value = optionalText(name);
        if (value == null || value.isBlank()) {
            throw new ToolError("Argument '" + name + "' is required and must not be blank");
        }
        if (value.codePointCount(0, value.length()) > maxLength) {
            throw new ToolError("Argument '" + name + "' must have at most " + maxLength + " characters");
        }
        return value;
    }

    String optionalText(String name) {
        Object value = values.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            throw new ToolError("Argument '" + name + "' must be a string");
        }
        return text;
    }

    /** An id argument; a malformed one names nothing, so it is reported as not found like an unknown one. */
    UUID optionalId(String name, String what) {
        String value = optionalText(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw notFound(what, value);
        }
    }

    UUID requiredId(String name, String what) {
        requiredText(name, 100);
        return optionalId(name, what);
    }

    int limit(int defaultValue, int max) {
        Object value = values.get("limit");
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Number number)
                || number.doubleValue() != Math.rint(number.doubleValue())
                || number.longValue() < 1
                || number.longValue() > max) {
            throw new ToolError("Argument 'limit' must be an integer from 1 to " + max);
        }
        return number.intValue();
    }

    static ToolError notFound(String what, Object id) {
        return new ToolError(Character.toUpperCase(what.charAt(0)) + what.substring(1) + " '" + id + "' not found");
    }
}
