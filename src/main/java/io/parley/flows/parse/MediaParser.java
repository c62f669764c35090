package io.parley.flows.parse;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code media}: one to {@code max} (default 10) media items of the listed {@code types} (default {@code [image]}).
 * Text alone is {@link ParseResult.None}; a media item of another type, or too many, is {@link ParseResult.Invalid}.
 * Value: the list of {@code {type, mime_type, id}}, normalized "2 images".
 */
record MediaParser(Set<MediaKind> types, int max) implements Parser {

    static final ParserKind KIND = new SimpleKind("media", "types", Set.of("types", "max"), MediaParser::read);

    private static Parser read(OptionReader options, ParserEnvironment environment) {
        Set<MediaKind> types = EnumSet.noneOf(MediaKind.class);
        for (String name : options.strings("types", List.of("image"))) {
            MediaKind.fromName(name)
                    .ifPresentOrElse(
                            types::add, () -> options.refuseOption("types", "has unknown media type '" + name + "'"));
        }
        if (types.isEmpty()) {
            types.add(MediaKind.IMAGE);
        }
        return new MediaParser(Set.copyOf(types), options.integer("max", 10, 1, 50));
    }

    @Override
    public String name() {
        return "media";
    }

    @Override
    public ParseResult parse(ParseInput input) {
        if (!input.hasMedia()) {
            return ParseResult.NONE;
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (MediaItem item : input.media()) {
            if (!types.contains(item.kind())) {
                return ParseResult.invalid(item.kind().wireName() + " is not accepted here");
            }
            items.add(item.toMap());
        }
        if (items.size() > max) {
            return ParseResult.invalid("more than " + max + " items");
        }
        return ParseResult.value(
                List.copyOf(items), count(items.size(), input.media().getFirst().kind()));
    }

    static String count(int n, MediaKind kind) {
        String noun = kind == MediaKind.AUDIO ? "audio" : kind.wireName();
        return n + " " + noun + (n == 1 || kind == MediaKind.AUDIO ? "" : "s");
    }
}
