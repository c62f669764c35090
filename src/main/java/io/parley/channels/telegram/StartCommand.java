package io.parley.channels.telegram;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code /start <code>} as a deep link {@code https://t.me/<bot>?start=<code>} delivers it. */
final class StartCommand {
    /** Telegram allows 1–64 characters of {@code A-Za-z0-9_-} in a start parameter. */
    private static final Pattern START = Pattern.compile("/start(?:@[A-Za-z0-9_]+)?\\s+([A-Za-z0-9_-]{1,64})\\s*");

    private StartCommand() {}

    /** The code of a {@code /start <code>} message; empty for any other text, {@code /start} alone included. */
    static Optional<String> code(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = START.matcher(text.strip());
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
