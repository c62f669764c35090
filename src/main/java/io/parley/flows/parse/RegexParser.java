package io.parley.flows.parse;

import io.parley.platform.BoundedRegex;
import java.util.Optional;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code regex}: the stripped text matches {@code pattern} ({@code {regex: "^[A-Z]{2}\\d{4}$"}}), whole text by default
 * ({@code full: true}; {@code false} finds it anywhere), {@code case_insensitive} optional. Value: the named group
 * {@code value} if the pattern has one, else the whole match. No match is {@link ParseResult.Invalid}; blank text is
 * {@link ParseResult.None}.
 *
 * <p>Safety against catastrophic backtracking, since patterns come from tenants: patterns over 200 characters are
 * refused, inputs are at most {@link ParseInput#MAX_TEXT} characters, and the match reads the input through
 * {@link BoundedRegex}, which stops after 200,000 character reads (a fixed bound on the work, whatever the pattern):
 * a pattern that runs out is {@link ParseResult.Invalid} ("too costly"), never a hang.
 */
record RegexParser(Pattern pattern, boolean full) implements Parser {

    static final ParserKind KIND =
            new SimpleKind("regex", "pattern", Set.of("pattern", "full", "case_insensitive"), RegexParser::read);

    static final int MAX_PATTERN = 200;
    static final long READ_BUDGET = 200_000;

    private static Parser read(OptionReader options, ParserEnvironment environment) {
        String source = options.string("pattern", null);
        boolean full = options.bool("full", true);
        int flags = options.bool("case_insensitive", false) ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        if (source == null) {
            if (!options.has("pattern")) {
                options.refuseOption("pattern", "is required");
            }
            return new RegexParser(Pattern.compile("(?!)"), full);
        }
        if (source.length() > MAX_PATTERN) {
            options.refuseOption("pattern", "must be at most " + MAX_PATTERN + " characters");
            return new RegexParser(Pattern.compile("(?!)"), full);
        }
        try {
            return new RegexParser(Pattern.compile(source, flags), full);
        } catch (PatternSyntaxException e) {
            options.refuseOption("pattern", "is not a valid regular expression: " + e.getDescription());
            return new RegexParser(Pattern.compile("(?!)"), full);
        }
    }

    @Override
    public String name() {
        return "regex";
    }

    @Override
    public ParseResult parse(ParseInput input) {
        String text = input.stripped();
        if (text.isEmpty()) {
            return ParseResult.NONE;
        }
        try {
            Optional<MatchResult> match = BoundedRegex.match(pattern, text, full, READ_BUDGET);
            if (match.isEmpty()) {
                return ParseResult.invalid("does not match");
            }
            String value = hasValueGroup() && match.get().group("value") != null
                    ? match.get().group("value")
                    : match.get().group();
            return ParseResult.value(value, value);
        } catch (BoundedRegex.Undecided e) {
            return ParseResult.invalid("pattern too costly for this text");
        }
    }

    private boolean hasValueGroup() {
        return pattern.namedGroups().containsKey("value");
    }
}
