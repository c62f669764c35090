package io.parley.channels.telegram;

import java.util.ArrayList;
import java.util.List;

/**
 * Telegram's MarkdownV2 escaping (Bot API "MarkdownV2 style"): every one of the 18 characters
 * {@code _ * [ ] ( ) ~ ` > # + - = | { } . !} and the backslash itself get a {@code \} in ordinary text; inside
 * {@code pre} and {@code code} only {@code `} and {@code \}; inside the {@code (...)} of an inline link only {@code )}
 * and {@code \}. The seed's list (without {@code ( ) #}, with {@code <}) is wrong. Values are escaped, never a rendered
 * template, so a template's own {@code *bold*} survives.
 */
public final class MarkdownV2 {
    /** The characters ordinary text escapes, the backslash included. */
    static final String SPECIAL = "_*[]()~`>#+-=|{}.!\\";

    private MarkdownV2() {}

    /** {@code value} as literal text anywhere outside code and link URLs. */
    public static String escape(String value) {
        return escapeOnly(value, SPECIAL);
    }

    /** {@code value} inside {@code `code`} or a {@code ```pre```} block. */
    public static String escapeCode(String value) {
        return escapeOnly(value, "`\\");
    }

    /** {@code value} inside the {@code (...)} of {@code [text](url)}. */
    public static String escapeLinkUrl(String value) {
        return escapeOnly(value, ")\\");
    }

    /** An inline link showing {@code text} (escaped as text) and pointing at {@code url} (escaped as a link URL). */
    public static String link(String text, String url) {
        return "[" + escape(text) + "](" + escapeLinkUrl(url) + ")";
    }

    /** The literal text an escaped string shows (every {@code \x} read as {@code x}); for tests and transcripts. */
    static String unescape(String escaped) {
        StringBuilder plain = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '\\' && i + 1 < escaped.length()) {
                c = escaped.charAt(++i);
            }
            plain.append(c);
        }
        return plain.toString();
    }

    /**
     * Cuts escaped text into parts that show at most {@code maxUnits} UTF-16 units each (Telegram's limit counts the
     * text after entity parsing, so an escape's backslash does not count), never between a backslash and the
     * character it escapes and never inside a surrogate pair. A cut prefers the last line break, then the last
     * space, in the second half of a part; the space or break stays at the end of the earlier part.
     */
    static List<String> split(String escaped, int maxUnits) {
        if (maxUnits < 4) {
            throw new IllegalArgumentException("maxUnits must be at least 4");
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (start < escaped.length()) {
            int shown = 0;
            int end = start;
            int lastBreak = -1;
            while (end < escaped.length()) {
                int width = escaped.charAt(end) == '\\' && end + 1 < escaped.length() ? 2 : 1;
                if (width == 1 && Character.isHighSurrogate(escaped.charAt(end)) && end + 1 < escaped.length()) {
                    width = 2;
                }
                int units = escaped.charAt(end) == '\\' ? 1 : width;
                if (shown + units > maxUnits) {
                    break;
                }
                char c = escaped.charAt(end + width - 1);
                shown += units;
                end += width;
                if ((c == ' ' || c == '\n') && shown > maxUnits / 2) {
                    lastBreak = end;
                }
            }
            if (end < escaped.length() && lastBreak > 0) {
                end = lastBreak;
            }
            parts.add(escaped.substring(start, end));
            start = end;
        }
        return parts;
    }

    /** How many UTF-16 units {@code escaped} shows once Telegram has parsed it. */
    static int shownLength(String escaped) {
        int units = 0;
        for (int i = 0; i < escaped.length(); i++) {
            if (escaped.charAt(i) == '\\' && i + 1 < escaped.length()) {
                i++;
            }
            units++;
        }
        return units;
    }

    private static String escapeOnly(String value, String special) {
        if (value == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (special.indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
