package io.parley.notifications.internal.template;

import io.parley.platform.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A named notification template: the variables it declares, sample values for previews, and one part per staff
 * channel (keyed by {@link io.parley.notifications.StaffChannel#name()}; {@code chat} serves every channel without a
 * part of its own). Each part maps a field ({@code subject}, {@code text}, {@code html}, {@code title}, {@code body},
 * {@code icon}, {@code badge}, {@code url}) to Thymeleaf source.
 */
public record NotificationTemplate(
        String name,
        String description,
        List<String> variables,
        Map<String, String> sample,
        Map<String, Map<String, String>> parts) {
    /** The part used for a channel that has none of its own. */
    public static final String ANY_CHAT = "chat";

    static final Set<String> FIELDS = Set.of("subject", "text", "html", "title", "body", "icon", "badge", "url");
    private static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,64}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Pattern CHANNEL = Pattern.compile("[a-z0-9_]{1,32}");
    private static final int MAX_SOURCE = 20_000;

    public NotificationTemplate {
        // Copies that keep nulls, so that checkShape can refuse them with a 400 (List.copyOf would throw).
        variables = variables == null
                ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(variables));
        sample = sample == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sample));
        parts = parts == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    /** The part for a channel: its own, else the chat part for channels other than email. */
    public Map<String, String> partFor(String channel) {
        Map<String, String> own = parts.get(channel);
        if (own != null) {
            return own;
        }
        return channel.equals("email") ? null : parts.get(ANY_CHAT);
    }

    /** The sample values, with each declared variable missing from them standing for itself. */
    public Map<String, String> sampleValues() {
        Map<String, String> values = new LinkedHashMap<>();
        variables.forEach(v -> values.put(v, sample.getOrDefault(v, "{" + v + "}")));
        return values;
    }

    static boolean validName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** Checks the shape a tenant can get wrong (names, fields, sizes); rendering checks the Thymeleaf source. */
    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw invalid("name", "A template name is 1 to 64 of a-z, 0-9 and _");
        }
    }

    void checkShape() {
        checkName(name);
        if (variables.size() > 50) {
            throw invalid("variables", "At most 50 variables");
        }
        for (String variable : variables) {
            if (variable == null || !VARIABLE.matcher(variable).matches()) {
                throw invalid("variables", "A variable name starts with a letter: letters, digits and _ (at most 64)");
            }
        }
        if (parts.isEmpty()) {
            throw invalid("parts", "A template needs at least one part (a channel's name, or chat)");
        }
        parts.forEach((channel, fields) -> {
            if (!CHANNEL.matcher(channel).matches() || fields == null || fields.isEmpty()) {
                throw invalid("parts", "Each part is a channel's name with at least one field");
            }
            fields.forEach((field, source) -> {
                if (!FIELDS.contains(field)) {
                    throw invalid("parts." + channel, "Unknown field '" + field + "'; fields are " + FIELDS);
                }
                if (source == null || source.length() > MAX_SOURCE) {
                    throw invalid("parts." + channel + "." + field, "A field is text of at most 20000 characters");
                }
            });
        });
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException("invalid_notification_template", message, Map.of("field", field));
    }
}
