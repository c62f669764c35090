package io.parley.platform.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Texts longer than a channel takes: split at sentence boundaries into parts of at most {@code max} code points
 * (then at word boundaries, then anywhere, for a sentence that is itself too long), or truncated with
 * {@link ChannelCapabilities#TRUNCATION_MARKER}. Pure functions: the caller decides by
 * {@link ChannelCapabilities#longText()}.
 */
public final class LongTexts {
    /** The end of a sentence: terminal punctuation (and closing quotes or brackets) then whitespace, or a blank line. */
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…。！？][\"'”’)\\]]{0,2})\\s+|\\n\\s*\\n");

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private LongTexts() {}

    public static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    /**
     * The parts to send, in order; one part (the text itself) when it fits. Parts keep the text's own line breaks
     * and spacing inside them, are stripped at their ends and never empty.
     */
    public static List<String> split(String text, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, was " + max);
        }
        List<String> parts = new ArrayList<>();
        if (length(text) <= max) {
            parts.add(text);
            return parts;
        }
        StringBuilder current = new StringBuilder();
        for (String sentence : chunks(text, SENTENCE_END)) {
            for (String piece : length(sentence.strip()) <= max ? List.of(sentence) : words(sentence, max)) {
                if (length((current + piece).strip()) > max
                        && !current.toString().isBlank()) {
                    add(parts, current.toString());
                    current.setLength(0);
                }
                current.append(piece);
            }
        }
        add(parts, current.toString());
        return parts;
    }

    /** The text cut to at most {@code max} code points, ending with the marker; the text itself when it fits. */
    public static String truncate(String text, int max) {
        if (length(text) <= max) {
            return text;
        }
        String marker = ChannelCapabilities.TRUNCATION_MARKER;
        int keep = max - length(marker);
        if (keep < 1) {
            throw new IllegalArgumentException("max " + max + " leaves no room for the marker");
        }
        String head = text.substring(0, text.offsetByCodePoints(0, keep));
        // Prefer to cut after a whole word when one ends in the last fifth.
        int space = head.lastIndexOf(' ');
        if (space > keep * 4 / 5) {
            head = head.substring(0, space);
        }
        return head.stripTrailing() + marker;
    }

    /** The text cut after each separator; the chunks, separators included, make up the text again. */
    private static List<String> chunks(String text, Pattern separator) {
        List<String> chunks = new ArrayList<>();
        Matcher matcher = separator.matcher(text);
        int start = 0;
        while (matcher.find()) {
            if (matcher.end() > start) {
                chunks.add(text.substring(start, matcher.end()));
                start = matcher.end();
            }
        }
        if (start < text.length()) {
            chunks.add(text.substring(start));
        }
        return chunks;
    }

    /** A sentence longer than {@code max}: its words, and any word longer than {@code max} cut into pieces. */
    private static List<String> words(String sentence, int max) {
        List<String> out = new ArrayList<>();
        for (String word : chunks(sentence, WHITESPACE)) {
            while (length(word.strip()) > max) {
                int cut = word.offsetByCodePoints(0, max);
                out.add(word.substring(0, cut));
                word = word.substring(cut);
            }
            out.add(word);
        }
        return out;
    }

    private static void add(List<String> pieces, String piece) {
        String stripped = piece.strip();
        if (!stripped.isEmpty()) {
            pieces.add(stripped);
        }
    }
}
