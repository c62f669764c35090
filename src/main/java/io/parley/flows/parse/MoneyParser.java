package io.parley.flows.parse;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * {@code money}: one amount with its currency, value {@code {amount, amount_minor, currency}} ("300 EUR" → 300, 30000, EUR; {@code amount} as spec §5's goldens read it), option
 * {@code currency_default} (ISO 4217). Sizes ({@link DimensionsParser#PATTERN}) are blanked first, so "10x15cm for
 * 300€" is 300 EUR. Rules, documented in docs/flow-parsers.md:
 *
 * <ul>
 *   <li>A currency symbol or word ({@link CurrencyMarkers}) right before or after a number marks it an amount. If some
 *       numbers are marked, only they count; different marked amounts are {@link ParseResult.Invalid}.
 *   <li>With no marked amount, a message with exactly one number is that amount in {@code currency_default} ("about
 *       300"); without a default it is invalid (which currency?). Several unmarked numbers are invalid.
 *   <li>Decimal and thousands separators follow {@link DecimalReader}; more decimals than the currency has ("1.505
 *       EUR" read as 1.505) and zero amounts are invalid.
 * </ul>
 */
record MoneyParser(String currencyDefault) implements Parser {

    static final ParserKind KIND = new SimpleKind("money", null, Set.of("currency_default"), MoneyParser::read);

    private static final BigDecimal MAX_MINOR = new BigDecimal("1000000000000");

    private static Parser read(OptionReader options, ParserEnvironment environment) {
        String currency = options.string("currency_default", null);
        if (currency != null) {
            currency = currency.toUpperCase(Locale.ROOT);
            if (!CurrencyMarkers.isIsoCode(currency)) {
                options.refuseOption("currency_default", "must be an ISO 4217 code such as EUR");
                currency = null;
            }
        }
        return new MoneyParser(currency);
    }

    @Override
    public String name() {
        return "money";
    }

    private record Amount(BigDecimal amount, String currency) {}

    @Override
    public ParseResult parse(ParseInput input) {
        String text = DimensionsParser.PATTERN.matcher(input.text()).replaceAll(" ");
        Matcher matcher = DecimalReader.TOKEN.matcher(text);
        Set<Amount> marked = new LinkedHashSet<>();
        Set<BigDecimal> unmarked = new LinkedHashSet<>();
        while (matcher.find()) {
            BigDecimal amount = DecimalReader.read(matcher.group());
            if (amount == null) {
                return ParseResult.invalid("unreadable amount " + matcher.group());
            }
            String currency = currencyAround(text, matcher.start(), matcher.end());
            if (currency != null) {
                marked.add(new Amount(DecimalReader.tidy(amount), currency));
            } else {
                unmarked.add(DecimalReader.tidy(amount));
            }
        }
        if (marked.size() > 1) {
            return ParseResult.invalid("several amounts");
        }
        if (marked.size() == 1) {
            return value(marked.iterator().next());
        }
        if (unmarked.isEmpty()) {
            return ParseResult.NONE;
        }
        if (unmarked.size() > 1) {
            return ParseResult.invalid("several numbers and no currency");
        }
        if (currencyDefault == null) {
            return ParseResult.invalid("no currency");
        }
        return value(new Amount(unmarked.iterator().next(), currencyDefault));
    }

    private String currencyAround(String text, int start, int end) {
        int before = skipSpaces(text, start - 1, -1);
        if (before >= 0 && CurrencyMarkers.isSymbol(text.charAt(before))) {
            return CurrencyMarkers.symbol(text.charAt(before), currencyDefault);
        }
        int after = skipSpaces(text, end, 1);
        if (after < text.length() && CurrencyMarkers.isSymbol(text.charAt(after))) {
            return CurrencyMarkers.symbol(text.charAt(after), currencyDefault);
        }
        String wordAfter = word(text, after, 1);
        if (wordAfter != null && CurrencyMarkers.word(wordAfter) != null) {
            return CurrencyMarkers.word(wordAfter);
        }
        String wordBefore = word(text, before, -1);
        return wordBefore == null ? null : CurrencyMarkers.word(wordBefore);
    }

    private static int skipSpaces(String text, int from, int direction) {
        int i = from;
        int skipped = 0;
        while (i >= 0 && i < text.length() && Character.isWhitespace(text.charAt(i)) && skipped < 3) {
            i += direction;
            skipped++;
        }
        return i;
    }

    /** The run of letters starting at {@code at} going in {@code direction}, at most 8 letters, or null. */
    private static String word(String text, int at, int direction) {
        int i = at;
        StringBuilder letters = new StringBuilder();
        while (i >= 0 && i < text.length() && Character.isLetter(text.charAt(i))) {
            if (letters.length() == 8) {
                return null;
            }
            letters.append(text.charAt(i));
            i += direction;
        }
        if (letters.isEmpty()) {
            return null;
        }
        return direction > 0 ? letters.toString() : letters.reverse().toString();
    }

    private static ParseResult value(Amount amount) {
        int digits = CurrencyMarkers.minorDigits(amount.currency());
        if (amount.amount().scale() > digits) {
            return ParseResult.invalid("more decimals than " + amount.currency() + " has");
        }
        BigDecimal minor = amount.amount().movePointRight(digits).setScale(0);
        if (minor.signum() <= 0 || minor.compareTo(MAX_MINOR) > 0) {
            return ParseResult.invalid("amount out of range");
        }
        Map<String, Object> value = new LinkedHashMap<>();
        // the golden transcripts' shape (spec §5: {amount, currency}) with the exact minor units beside it
        value.put(
                "amount",
                amount.amount().stripTrailingZeros().scale() <= 0
                        ? amount.amount().setScale(0, java.math.RoundingMode.UNNECESSARY)
                        : amount.amount());
        value.put("amount_minor", minor);
        value.put("currency", amount.currency());
        BigDecimal shown = amount.amount().scale() > 0 ? amount.amount().setScale(digits) : amount.amount();
        return ParseResult.value(value, shown.toPlainString() + " " + amount.currency());
    }
}
