package io.parley.outreach.internal;

import io.parley.platform.ContactId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A broadcast's contact entries, normalized: a contact id, or a phone number in E.164 (the '+' optional; spaces,
 * dashes and parentheses ignored) as the digits WhatsApp calls the wa_id. Entries equal after normalization count
 * once; the first one's spelling is kept for the result.
 */
public final class Audience {
    private static final Pattern PHONE = Pattern.compile("\\+?[1-9][0-9]{7,14}");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-().]");

    public sealed interface Entry permits ById, ByPhone, Invalid {
        String given();
    }

    public record ById(String given, ContactId id) implements Entry {}

    /** @param digits the wa_id: country code and number, no '+' */
    public record ByPhone(String given, String digits) implements Entry {}

    public record Invalid(String given) implements Entry {}

    private Audience() {}

    public static List<Entry> parse(List<String> entries) {
        Map<String, Entry> distinct = new LinkedHashMap<>();
        for (String given : entries) {
            Entry entry = entry(given == null ? "" : given.strip());
            String key = switch (entry) {
                case ById id -> "id:" + id.id().value();
                case ByPhone phone -> "phone:" + phone.digits();
                case Invalid invalid -> "invalid:" + invalid.given();
            };
            distinct.putIfAbsent(key, entry);
        }
        return new ArrayList<>(distinct.values());
    }

    private static Entry entry(String given) {
        try {
            if (given.length() == 36) {
                return new ById(given, new ContactId(UUID.fromString(given)));
            }
        } catch (IllegalArgumentException e) {
            // not an id: maybe a phone number
        }
        String compact = SEPARATORS.matcher(given).replaceAll("");
        if (PHONE.matcher(compact).matches()) {
            return new ByPhone(given, compact.startsWith("+") ? compact.substring(1) : compact);
        }
        return new Invalid(given);
    }
}
