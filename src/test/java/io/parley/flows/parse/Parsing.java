package io.parley.flows.parse;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

/** Test fixtures: parsers built the way the engine builds them, from a step's {@code parse} field. */
final class Parsing {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneId.of("Europe/Madrid"));

    private Parsing() {}

    static Parser parser(Object parse) {
        return parser(parse, ParserEnvironment.of(CLOCK, Map.of()));
    }

    static Parser parser(Object parse, ParserEnvironment environment) {
        try {
            return ParserRegistry.standard().create(parse, environment);
        } catch (InvalidParserOptions e) {
            throw new AssertionError(e.problems().toString(), e);
        }
    }

    static ParseResult parse(Object parse, String text) {
        return parser(parse).parse(ParseInput.text(text));
    }

    static Object value(Object parse, String text) {
        ParseResult result = parse(parse, text);
        if (!(result instanceof ParseResult.Value value)) {
            throw new AssertionError("expected a value for '" + text + "', got " + result);
        }
        return value.value();
    }
}
