package io.parley.flows.parse;

import java.util.List;

/**
 * A user's message as the parsers see it: its text (never null; empty for media without a caption) and its media.
 * Texts longer than {@link #MAX_TEXT} characters are refused by every parser ({@link ParserRegistry} wraps them), which
 * bounds the work of each regular expression.
 *
 * @param text the message text or caption
 * @param media the media items, in order
 */
public record ParseInput(String text, List<MediaItem> media) {

    /** The longest text a parser looks at. */
    public static final int MAX_TEXT = 2_000;

    public ParseInput {
        text = text == null ? "" : text;
        media = media == null ? List.of() : List.copyOf(media);
    }

    public static ParseInput text(String text) {
        return new ParseInput(text, List.of());
    }

    public static ParseInput of(String text, MediaItem... media) {
        return new ParseInput(text, List.of(media));
    }

    /** The text without leading and trailing white space. */
    public String stripped() {
        return text.strip();
    }

    public boolean hasText() {
        return !text.isBlank();
    }

    public boolean hasMedia() {
        return !media.isEmpty();
    }
}
