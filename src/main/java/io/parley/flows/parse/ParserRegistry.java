package io.parley.flows.parse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The parsers by name, and the one place a step's {@code parse} field is read. That field is a name
 * ({@code parse: dimensions}) or a one-entry map from name to options ({@code {money: {currency_default: EUR}}}); a
 * value that is not a map is the kind's shorthand ({@code {choice: [a, b]}} means {@code {choice: {options: [a, b]}}},
 * {@code {regex: "..."}} means {@code {regex: {pattern: "..."}}}). Every parser it builds refuses texts longer than
 * {@link ParseInput#MAX_TEXT} characters with {@link ParseResult.Invalid}.
 */
public final class ParserRegistry {

    private static final ParserRegistry STANDARD = new ParserRegistry(List.of(
            TextParser.KIND,
            YesNoParser.KIND,
            NumberParser.KIND,
            MoneyParser.KIND,
            DateParser.KIND,
            EmailParser.KIND,
            PhoneParser.KIND,
            RegexParser.KIND,
            MediaParser.KIND,
            ChoiceParser.KIND,
            ReferencesParser.KIND,
            DimensionsParser.KIND));

    private final Map<String, ParserKind> kinds = new LinkedHashMap<>();

    public ParserRegistry(List<ParserKind> kinds) {
        for (ParserKind kind : kinds) {
            if (this.kinds.putIfAbsent(kind.name(), kind) != null) {
                throw new IllegalArgumentException("two parsers named " + kind.name());
            }
        }
    }

    /** The twelve parsers of the flow format. */
    public static ParserRegistry standard() {
        return STANDARD;
    }

    public Set<String> names() {
        return kinds.keySet();
    }

    /** A step's parser name and options, read from its {@code parse} field. */
    public record ParserSpec(String name, Map<String, Object> options) {}

    /** Problems with a step's {@code parse} field, each naming the parser and option; empty when it is usable. */
    public List<String> validate(Object parse) {
        return switch (spec(parse)) {
            case Problem problem -> List.of(problem.message());
            case Found found -> found.kind().validateOptions(found.spec().options());
        };
    }

    /** The parser for a step's {@code parse} field, with the conversation's clock and data for its options. */
    public Parser create(Object parse, ParserEnvironment environment) throws InvalidParserOptions {
        return switch (spec(parse)) {
            case Problem problem -> throw new InvalidParserOptions(List.of(problem.message()));
            case Found found -> {
                List<String> problems =
                        found.kind().validateOptions(found.spec().options());
                if (!problems.isEmpty()) {
                    throw new InvalidParserOptions(problems);
                }
                yield new LengthGuard(found.kind().create(found.spec().options(), environment));
            }
        };
    }

    private sealed interface Lookup permits Found, Problem {}

    private record Found(ParserKind kind, ParserSpec spec) implements Lookup {}

    private record Problem(String message) implements Lookup {}

    private Lookup spec(Object parse) {
        String name;
        Object options;
        if (parse instanceof String text) {
            name = text.strip();
            options = null;
        } else if (parse instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> entry = map.entrySet().iterator().next();
            name = String.valueOf(entry.getKey()).strip();
            options = entry.getValue();
        } else {
            return new Problem("parse must be a parser name or {name: options}, one of " + String.join(", ", names()));
        }
        ParserKind kind = kinds.get(name);
        if (kind == null) {
            return new Problem("parse names unknown parser '" + name + "' (known: " + String.join(", ", names()) + ")");
        }
        Map<String, Object> optionMap = new LinkedHashMap<>();
        if (options instanceof Map<?, ?> given) {
            given.forEach((key, value) -> optionMap.put(String.valueOf(key), value));
        } else if (options != null) {
            if (kind.shorthandKey() == null) {
                return new Problem(name + " takes options as a map, e.g. {" + name + ": {option: value}}");
            }
            optionMap.put(kind.shorthandKey(), options);
        }
        return new Found(kind, new ParserSpec(name, optionMap));
    }

    /** Refuses over-long texts before any parser looks at them. */
    private record LengthGuard(Parser parser) implements Parser {
        @Override
        public String name() {
            return parser.name();
        }

        @Override
        public boolean acceptsAnyText() {
            return parser.acceptsAnyText();
        }

        @Override
        public ParseResult parse(ParseInput input) {
            if (input.text().length() > ParseInput.MAX_TEXT) {
                return ParseResult.invalid("message longer than " + ParseInput.MAX_TEXT + " characters");
            }
            return parser.parse(input);
        }
    }
}
