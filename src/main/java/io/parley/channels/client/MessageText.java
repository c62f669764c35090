package io.parley.channels.client;

import java.text.Normalizer;

/**
 * A client's message text: control characters other than newline and tab removed, NFC-normalized, trimmed, at most
 * {@link #MAX} characters (seed 000 §2.1).
 */
final class MessageText {
    static final int MAX = 10_000;

    private MessageText() {}

    static String read(Object value) {
        if (value == null) {
            throw Fields.invalid("text", "is required");
        }
        if (!(value instanceof String raw)) {
            throw Fields.invalid("text", "must be a string");
        }
        String text = clean(raw).strip();
        if (text.isEmpty()) {
            throw Fields.invalid("text", "must not be blank");
        }
        if (text.codePointCount(0, text.length()) > MAX) {
            throw Fields.invalid("text", "must be at most " + MAX + " characters after trimming");
        }
        return text;
    }

    /** Removes control characters (except \n and \t) and lone surrogates, then NFC. */
    static String clean(String raw) {
        StringBuilder kept = new StringBuilder(raw.length());
        raw.codePoints()
                .filter(c -> c == '\n'
                        || c == '\t'
                        || Character.getType(c) != Character.CONTROL && Character.getType(c) != Character.SURROGATE)
                .forEach(kept::appendCodePoint);
        return Normalizer.normalize(kept, Normalizer.Form.NFC);
    }
}
