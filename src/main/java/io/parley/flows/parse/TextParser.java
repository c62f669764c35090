package io.parley.flows.parse;

import java.util.Set;

/**
 * {@code text}: any non-blank text up to {@code max_length} characters (default 1,000, at most 2,000), stripped.
 * Blank text (media without a caption) is {@link ParseResult.None}.
 */
record TextParser(int maxLength) implements Parser {

    static final ParserKind KIND = new SimpleKind("text", null, Set.of("max_length"), TextParser::read);

    private static Parser read(OptionReader options, ParserEnvironment environment) {
        return new TextParser(options.integer("max_length", 1_000, 1, ParseInput.MAX_TEXT));
    }

    @Override
    public String name() {
        return "text";
    }

    @Override
    public boolean acceptsAnyText() {
        return true;
    }

    @Override
    public ParseResult parse(ParseInput input) {
        String text = input.stripped();
        if (text.isEmpty()) {
            return ParseResult.NONE;
        }
        if (text.codePointCount(0, text.length()) > maxLength) {
            return ParseResult.invalid("longer than " + maxLength + " characters");
        }
        return ParseResult.value(text, text);
    }
}
