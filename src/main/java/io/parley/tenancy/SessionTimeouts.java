package io.parley.tenancy;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** The {@code sessionTimeout} field: an ISO-8601 duration from zero (never) to a year, at millisecond precision. */
final class SessionTimeouts {
    static final String FIELD = "sessionTimeout";
    private static final Duration MAX = Duration.ofDays(365);

    private SessionTimeouts() {}

    /** The canonical text of a valid timeout ({@code PT1H}); null stays null (= the default). */
    static String validated(String value) {
        return value == null ? null : parse(value).toString();
    }

    static Duration parse(String value) {
        if (value == null) {
            return Chatbot.DEFAULT_SESSION_TIMEOUT;
        }
        Duration timeout;
        try {
            timeout = Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw Validation.invalid(FIELD, "must be an ISO-8601 duration such as PT60M (PT0S = never)");
        }
        if (timeout.isNegative() || timeout.compareTo(MAX) > 0) {
            throw Validation.invalid(FIELD, "must be between PT0S (never) and P365D");
        }
        return Duration.ofMillis(timeout.toMillis());
    }
}
