package io.parley.flows.parse;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * {@code number}: the one number in the message ("about 25", "-3", "1.200,5"; separators by {@link DecimalReader}).
 * Options {@code min}, {@code max}, {@code integer} (true refuses fractions). No number is {@link ParseResult.None};
 * several different numbers, or one out of range, are {@link ParseResult.Invalid}. Value {@code BigDecimal}.
 */
record NumberParser(BigDecimal min, BigDecimal max, boolean integer) implements Parser {

    static final ParserKind KIND = new SimpleKind("number", null, Set.of("min", "max", "integer"), NumberParser::read);

    private static Parser read(OptionReader options, ParserEnvironment environment) {
        BigDecimal min = options.decimal("min");
        BigDecimal max = options.decimal("max");
        if (min != null && max != null && min.compareTo(max) > 0) {
            options.refuseOption("min", "must not be greater than max");
        }
        return new NumberParser(min, max, options.bool("integer", false));
    }

    @Override
    public String name() {
        return "number";
    }

    @Override
    public ParseResult parse(ParseInput input) {
        String text = input.text();
        Matcher matcher = DecimalReader.TOKEN.matcher(text);
        Set<BigDecimal> found = new LinkedHashSet<>();
        while (matcher.find()) {
            BigDecimal value = DecimalReader.read(matcher.group());
            if (value == null) {
                return ParseResult.invalid("unreadable number " + matcher.group());
            }
            boolean negative = matcher.start() > 0
                    && text.charAt(matcher.start() - 1) == '-'
                    && (matcher.start() == 1 || !Character.isLetterOrDigit(text.charAt(matcher.start() - 2)));
            found.add(DecimalReader.tidy(negative ? value.negate() : value));
            if (found.size() > 1) {
                return ParseResult.invalid("several numbers");
            }
        }
        if (found.isEmpty()) {
            return ParseResult.NONE;
        }
        BigDecimal value = found.iterator().next();
        if (integer && value.scale() > 0) {
            return ParseResult.invalid("not a whole number");
        }
        if ((min != null && value.compareTo(min) < 0) || (max != null && value.compareTo(max) > 0)) {
            return ParseResult.invalid("out of range");
        }
        return ParseResult.value(value, value.toPlainString());
    }
}
