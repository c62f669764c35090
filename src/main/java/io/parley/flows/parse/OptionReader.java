package io.parley.flows.parse;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a parser's options and collects problems that name the parser and the option, so one validation pass reports
 * every mistake of a step at once. Getters return the default when the option is absent or wrong.
 */
final class OptionReader {

    private final String parser;
    private final Map<String, Object> options;
    private final List<String> problems = new ArrayList<>();

    OptionReader(String parser, Map<String, Object> options, Set<String> known) {
        this.parser = parser;
        this.options = options == null ? Map.of() : options;
        for (String key : this.options.keySet()) {
            if (!known.contains(key)) {
                refuseOption(
                        key,
                        "is not an option of " + parser + " (known: "
                                + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    void refuseOption(String option, String message) {
        problems.add(parser + "." + option + " " + message);
    }

    boolean has(String option) {
        return options.get(option) != null;
    }

    Object raw(String option) {
        return options.get(option);
    }

    String string(String option, String fallback) {
        Object value = options.get(option);
        if (value == null) {
            return fallback;
        }
        if (value instanceof String text && !text.isBlank()) {
            return text.strip();
        }
        refuseOption(option, "must be a non-empty text");
        return fallback;
    }

    boolean bool(String option, boolean fallback) {
        Object value = options.get(option);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        refuseOption(option, "must be true or false");
        return fallback;
    }

    int integer(String option, int fallback, int min, int max) {
        Object value = options.get(option);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())) {
            long whole = number.longValue();
            if (whole >= min && whole <= max) {
                return (int) whole;
            }
        }
        refuseOption(option, "must be a whole number from " + min + " to " + max);
        return fallback;
    }

    BigDecimal decimal(String option) {
        Object value = options.get(option);
        if (value == null) {
            return null;
        }
        BigDecimal number = Values.toDecimal(value);
        if (number == null) {
            refuseOption(option, "must be a number");
        }
        return number;
    }

    List<String> strings(String option, List<String> fallback) {
        Object value = options.get(option);
        if (value == null) {
            return fallback;
        }
        if (value instanceof List<?> list && !list.isEmpty()) {
            List<String> out = new ArrayList<>();
            for (Object item : list) {
                if (!(item instanceof String text) || text.isBlank()) {
                    refuseOption(option, "must be a list of non-empty texts");
                    return fallback;
                }
                out.add(text.strip());
            }
            return out;
        }
        refuseOption(option, "must be a non-empty list");
        return fallback;
    }
}
