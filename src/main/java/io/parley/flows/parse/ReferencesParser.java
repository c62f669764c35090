package io.parley.flows.parse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code references}: reference images and/or a text reference ("realism @artist"). Value {@code {images: [ids],
 * text}}; {@code text} is left out when there is none (media without caption). Normalized "1 image", "realism @artist"
 * or "2 images + text". Up to {@code max_images} (default 3) images; audio, video or documents are
 * {@link ParseResult.Invalid}, as is a text longer than {@code max_length} (default 500). Since any text is a
 * reference, the bundle check does not count this parser.
 */
record ReferencesParser(int maxImages, int maxLength) implements Parser {

    static final ParserKind KIND =
            new SimpleKind("references", null, Set.of("max_images", "max_length"), ReferencesParser::read);

    private static Parser read(OptionReader options, ParserEnvironment environment) {
        return new ReferencesParser(
                options.integer("max_images", 3, 1, 10), options.integer("max_length", 500, 1, ParseInput.MAX_TEXT));
    }

    @Override
    public String name() {
        return "references";
    }

    @Override
    public boolean acceptsAnyText() {
        return true;
    }

    @Override
    public ParseResult parse(ParseInput input) {
        List<String> images = new ArrayList<>();
        for (MediaItem item : input.media()) {
            if (item.kind() != MediaKind.IMAGE) {
                return ParseResult.invalid(item.kind().wireName() + " is not a reference image");
            }
            images.add(item.id());
        }
        if (images.size() > maxImages) {
            return ParseResult.invalid("more than " + maxImages + " images");
        }
        String text = input.stripped();
        if (text.codePointCount(0, text.length()) > maxLength) {
            return ParseResult.invalid("longer than " + maxLength + " characters");
        }
        if (images.isEmpty() && text.isEmpty()) {
            return ParseResult.NONE;
        }
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("images", List.copyOf(images));
        if (!text.isEmpty()) {
            value.put("text", text);
        }
        String normalized = images.isEmpty()
                ? text
                : MediaParser.count(images.size(), MediaKind.IMAGE) + (text.isEmpty() ? "" : " + text");
        return ParseResult.value(value, normalized);
    }
}
