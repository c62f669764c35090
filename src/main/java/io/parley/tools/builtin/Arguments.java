package io.parley.tools.builtin;

import io.parley.platform.InvalidRequestException;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Reading arguments that already passed the tool's JSON Schema; blank text counts as absent. */
final class Arguments {
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-().]");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{5,20}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private Arguments() {}

    static String text(JsonNode arguments, String field) {
        JsonNode node = arguments.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        String text = node.asString().strip();
        return text.isEmpty() ? null : text;
    }

    static Integer integer(JsonNode arguments, String field) {
        JsonNode node = arguments.get(field);
        return node == null || node.isNull() ? null : node.intValue();
    }

    /**
     * The phone in one spelling ("+52 55 1234-5678" and "+525512345678" must find the same lead). Separators go;
     * anything else that is not a digit is a mistake the model can correct by asking the user.
     */
    static String phone(String raw) {
        String compact = SEPARATORS.matcher(raw).replaceAll("");
        if (!PHONE.matcher(compact).matches()) {
            throw new InvalidRequestException(
                    "invalid_phone",
                    "'" + raw + "' is not a phone number. Ask the user"
                            + " for their phone number in international format, e.g. +5215512345678.");
        }
        return compact;
    }

    static String email(String raw) {
        if (raw != null && !EMAIL.matcher(raw).matches()) {
            throw new InvalidRequestException(
                    "invalid_email",
                    "'" + raw + "' is not an email address. Ask the user" + " for it again, or leave email out.");
        }
        return raw;
    }
}
