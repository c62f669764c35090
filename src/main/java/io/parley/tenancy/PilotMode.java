package io.parley.tenancy;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A chatbot's pilot mode (issue 16): while {@code enabled}, only contacts with an address on {@code allow} are
 * answered and written to; everyone else's messages are stored and left unanswered. Addresses are compared
 * {@link #normalize normalized}, so "+34 600 000 001", "34600000001" and a contact's phone "+34600000001" are one.
 *
 * @param allow normalized, without duplicates, in the order given
 */
public record PilotMode(boolean enabled, List<String> allow) {
    public static final int MAX_ENTRIES = 1000;
    public static final int MAX_LENGTH = 255;
    /** A chatbot that never set pilot mode. */
    public static final PilotMode OFF = new PilotMode(false, List.of());

    private static final Pattern PHONE_PUNCTUATION = Pattern.compile("[\\s().-]");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9]{2,15}");

    public PilotMode {
        allow = List.copyOf(Objects.requireNonNull(allow, "allow"));
    }

    /**
     * Whether a contact known by {@code addresses} (the values of its identities: a phone, an email, a channel's own
     * id) may be answered and written to: always when pilot mode is off, else when one of them is allowed.
     */
    public boolean admits(Collection<String> addresses) {
        return !enabled
                || addresses.stream()
                        .filter(Objects::nonNull)
                        .map(PilotMode::normalize)
                        .anyMatch(allow::contains);
    }

    /**
     * How an address is compared: a phone number (an optional '+', 2 to 15 digits, spaces, dots, dashes and
     * parentheses dropped) as its digits, the way channels send it; an email case-folded; anything else (a
     * channel's own id) as it is, without surrounding spaces.
     */
    public static String normalize(String address) {
        String stripped = address.strip();
        String compact = PHONE_PUNCTUATION.matcher(stripped).replaceAll("");
        if (PHONE.matcher(compact).matches()) {
            return compact.startsWith("+") ? compact.substring(1) : compact;
        }
        return stripped.indexOf('@') > 0 ? stripped.toLowerCase(Locale.ROOT) : stripped;
    }
}
