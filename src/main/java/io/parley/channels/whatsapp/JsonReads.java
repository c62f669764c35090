package io.parley.channels.whatsapp;

import io.parley.platform.NulCharacters;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Lenient reads over Meta's JSON: a field of the wrong shape reads as absent instead of throwing, because
 * one odd field must never cost us the rest of the webhook.
 *
 * <p>Every string read here (values and keys) comes without U+0000: PostgreSQL stores it neither in text nor in
 * jsonb, so one NUL in a contact's text or profile name would otherwise fail the whole webhook, and Meta would
 * retry it for days. Every string the webhook path stores is read through {@link #text} or {@link #plain}.
 */
public final class JsonReads {
    public static final int FRAGMENT_LIMIT = 2000;
    /** 9999-12-31T23:59:59Z. */
    private static final long LATEST_EPOCH_SECOND = 253_402_300_799L;
    /** Keys whose values are Meta's ids, codes and error texts, never what a contact wrote or who they are. */
    private static final Set<String> UNMASKED_KEYS = Set.of(
            "id",
            "type",
            "status",
            "timestamp",
            "field",
            "messaging_product",
            "phone_number_id",
            "display_phone_number",
            "code",
            "title",
            "message",
            "details",
            "href",
            "mime_type");

    private JsonReads() {}

    /** The field as text when it is a string, number or boolean; null when missing, null or a container. */
    public static String text(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || !(node.isString() || node.isNumber() || node.isBoolean())) {
            return null;
        }
        return NulCharacters.strip(node.asString());
    }

    public static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    public static JsonNode object(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        return node != null && node.isObject() ? node : null;
    }

    public static List<JsonNode> array(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node == null || !node.isArray()) {
            return List.of();
        }
        List<JsonNode> elements = new ArrayList<>(node.size());
        node.forEach(elements::add);
        return elements;
    }

    public static Boolean bool(JsonNode parent, String field) {
        JsonNode node = parent == null ? null : parent.get(field);
        if (node != null && node.isBoolean()) {
            return node.booleanValue();
        }
        String value = text(parent, field);
        return "true".equalsIgnoreCase(value) ? Boolean.TRUE : "false".equalsIgnoreCase(value) ? Boolean.FALSE : null;
    }

    /** Numbers arrive as JSON numbers or as numeric strings depending on the payload generation. */
    public static BigDecimal decimal(JsonNode parent, String field) {
        String value = text(parent, field);
        if (!hasText(value)) {
            return null;
        }
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static Double decimalAsDouble(JsonNode parent, String field) {
        BigDecimal value = decimal(parent, field);
        return value == null ? null : value.doubleValue();
    }

    /** An integral number, narrowed to Integer when it fits so that details compare naturally in tests and JSON. */
    public static Number integer(JsonNode parent, String field) {
        BigDecimal value = decimal(parent, field);
        if (value == null) {
            return null;
        }
        try {
            long exact = value.longValueExact();
            // An if, not a ternary: mixing Integer and Long in ?: would promote both to long.
            if (exact == (int) exact) {
                return (int) exact;
            }
            return exact;
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /**
     * Epoch seconds as Meta sends them (a string); anything unreadable is null rather than a failure, and so is a
     * time outside 1970 to 9999, which PostgreSQL may not store (it ends at the year 294276) and Meta never sends.
     */
    public static Instant epochSeconds(JsonNode parent, String field) {
        String value = text(parent, field);
        if (!hasText(value)) {
            return null;
        }
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds < 0 || seconds > LATEST_EPOCH_SECOND ? null : Instant.ofEpochSecond(seconds);
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }

    /** The node as plain Java values (LinkedHashMap, ArrayList, String, Number, Boolean) so no JsonNode leaks out. */
    public static Object plain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.forEachEntry((key, value) -> map.put(NulCharacters.strip(key), plain(value)));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(element -> list.add(plain(element)));
            return list;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return plainNumber(node);
        }
        return NulCharacters.strip(node.asString());
    }

    private static Number plainNumber(JsonNode node) {
        if (node.isIntegralNumber()) {
            if (node.canConvertToInt()) {
                return node.intValue();
            }
            if (node.canConvertToLong()) {
                return node.longValue();
            }
            return node.bigIntegerValue();
        }
        if (node.isBigDecimal()) {
            return node.decimalValue();
        }
        return node.doubleValue();
    }

    /**
     * Compact JSON of the offending node, bounded so one huge part cannot bloat the problem log. It ends up in system
     * events and logs, so only the shape and Meta's own ids, codes and error texts survive (CONVENTIONS §14).
     */
    public static String fragment(JsonNode node) {
        String json = node == null ? "null" : masked(node, null).toString();
        return json.length() <= FRAGMENT_LIMIT ? json : json.substring(0, FRAGMENT_LIMIT);
    }

    /** Values under any other key (sender, name, body, caption, location...) become {@code "***"}. */
    private static JsonNode masked(JsonNode node, String key) {
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties()
                    .forEach(property -> copy.set(
                            NulCharacters.strip(property.getKey()), masked(property.getValue(), property.getKey())));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(masked(item, key)));
            return copy;
        }
        boolean keep = node.isNull() || node.isBoolean() || (key != null && UNMASKED_KEYS.contains(key));
        if (!keep) {
            return JsonNodeFactory.instance.stringNode("***");
        }
        return node.isString() ? JsonNodeFactory.instance.stringNode(NulCharacters.strip(node.asString())) : node;
    }

    public static void putIfPresent(Map<String, Object> target, String key, Object value) {
        if (value != null) {
            target.put(key, value);
        }
    }
}
