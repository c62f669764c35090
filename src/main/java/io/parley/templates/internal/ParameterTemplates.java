package io.parley.templates.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The window template's parameter expressions: literal text with {@code {{contact.name}}}, {@code {{contact.phone}}},
 * {@code {{chatbot.name}}} or {@code {{conversation.id}}} in it, each with an optional default after a bar
 * ({@code {{contact.name|there}}}) used when the value is unknown.
 */
public final class ParameterTemplates {
    public static final Set<String> VARIABLES =
            Set.of("contact.name", "contact.phone", "chatbot.name", "conversation.id");
    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([a-z.]+)\\s*(?:\\|([^}]*))?}}");

    private ParameterTemplates() {}

    /** The first variable in {@code expression} Parley does not know, if any. */
    public static Optional<String> unknownVariable(String expression) {
        Matcher matcher = VARIABLE.matcher(expression);
        while (matcher.find()) {
            if (!VARIABLES.contains(matcher.group(1))) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    /** The expression with its variables filled in; blank values fall back to the default, else to "". */
    public static String resolve(String expression, Map<String, String> values) {
        Matcher matcher = VARIABLE.matcher(expression);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null || value.isBlank()) {
                value = matcher.group(2) == null ? "" : matcher.group(2).strip();
            }
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(resolved);
        return resolved.toString().strip();
    }
}
