package io.parley.flows.definition;

import io.parley.flows.definition.Findings.Where;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Typed reads of one object's fields that report a problem (and return null) instead of throwing. */
final class Fields {
    static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,64}");
    private static final Pattern DURATION = Pattern.compile("(?:(\\d{1,6})([smhd]))+");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d{1,6})([smhd])");
    static final int MAX_TEXT = 4096;

    private final Findings findings;

    Fields(Findings findings) {
        this.findings = findings;
    }

    Findings findings() {
        return findings;
    }

    /** Reports every key of {@code node} outside {@code allowed}, suggesting the closest allowed one. */
    void onlyKeys(JsonNode node, Where where, Set<String> allowed) {
        for (String key : node.propertyNames()) {
            if (!allowed.contains(key)) {
                String hint = Suggestions.closest(key, allowed)
                        .map(s -> " (did you mean '" + s + "'?)")
                        .orElse("");
                findings.add(where, key, "unknown key '" + key + "'" + hint);
            }
        }
    }

    boolean object(JsonNode node, Where where, String field) {
        if (node != null && node.isObject()) {
            return true;
        }
        findings.add(where, field, "must be a mapping (key: value)");
        return false;
    }

    String text(JsonNode node, Where where, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                findings.add(where, field, "is required");
            }
            return null;
        }
        if (!value.isString() && !value.isNumber() && !value.isBoolean()) {
            findings.add(where, field, "must be a text");
            return null;
        }
        return text(value.asString(), where, field);
    }

    String text(String value, Where where, String field) {
        if (value.isBlank()) {
            findings.add(where, field, "must not be blank");
            return null;
        }
        if (value.length() > MAX_TEXT) {
            findings.add(where, field, "must be at most " + MAX_TEXT + " characters");
            return null;
        }
        return value;
    }

    String name(JsonNode node, Where where, String field, boolean required) {
        String value = text(node, where, field, required);
        if (value != null && !NAME.matcher(value).matches()) {
            findings.add(where, field, "must be 1 to 64 lowercase letters, digits or underscores");
            return null;
        }
        return value;
    }

    Integer integer(JsonNode node, Where where, String field, int min, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < min || value.asLong() > max) {
            findings.add(where, field, "must be a whole number from " + min + " to " + max);
            return null;
        }
        return value.asInt();
    }

    Duration duration(JsonNode node, Where where, String field, Duration min, Duration max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        Duration duration = value.isString() ? parseDuration(value.asString().strip()) : null;
        if (duration == null) {
            findings.add(where, field, "must be a duration such as 90s, 60m, 26h or 14d");
            return null;
        }
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            findings.add(where, field, "must be between " + show(min) + " and " + show(max));
            return null;
        }
        return duration;
    }

    List<String> texts(JsonNode node, Where where, String field, int max) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > max) {
            findings.add(where, field, "must be a list of at most " + max + " texts");
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isString() || item.asString().isBlank() || item.asString().length() > 200) {
                findings.add(where, field + "[" + i + "]", "must be a text of 1 to 200 characters");
            } else {
                texts.add(item.asString());
            }
        }
        return texts;
    }

    static Duration parseDuration(String text) {
        if (!DURATION.matcher(text).matches()) {
            return null;
        }
        Duration total = Duration.ZERO;
        Matcher part = DURATION_PART.matcher(text);
        while (part.find()) {
            long n = Long.parseLong(part.group(1));
            total = total.plus(
                    switch (part.group(2)) {
                        case "s" -> Duration.ofSeconds(n);
                        case "m" -> Duration.ofMinutes(n);
                        case "h" -> Duration.ofHours(n);
                        default -> Duration.ofDays(n);
                    });
        }
        return total;
    }

    private static String show(Duration d) {
        return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }
}
