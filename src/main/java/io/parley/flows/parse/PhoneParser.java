package io.parley.flows.parse;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code phone}: the one phone number in the message, normalized to E.164 ("+34 600 00 00 01" → "+34600000001").
 * International forms ({@code +}, {@code 00}) stand alone; a national number needs {@code default_country} (ISO 3166
 * alpha-2, {@link CallingCodes}), whose trunk prefix is dropped ("020 7946 0958" with GB → "+442079460958"). E.164
 * allows 8 to 15 digits with the country code; anything else is {@link ParseResult.Invalid}. Spaces, dots, dashes
 * and parentheses are ignored.
 */
record PhoneParser(CallingCodes.Country defaultCountry) implements Parser {

    static final ParserKind KIND = new SimpleKind("phone", null, Set.of("default_country"), PhoneParser::read);

    private static final Pattern CANDIDATE = Pattern.compile("(?<![\\w+])\\+?\\(?\\d[\\d\\s().-]{4,24}+");

    private static Parser read(OptionReader options, ParserEnvironment environment) {
        String country = options.string("default_country", null);
        CallingCodes.Country found = CallingCodes.of(country);
        if (country != null && found == null) {
            options.refuseOption("default_country", "must be one of " + CallingCodes.known());
        }
        return new PhoneParser(found);
    }

    @Override
    public String name() {
        return "phone";
    }

    @Override
    public ParseResult parse(ParseInput input) {
        Matcher matcher = CANDIDATE.matcher(input.text());
        Set<String> numbers = new LinkedHashSet<>();
        while (matcher.find()) {
            String candidate = matcher.group().strip();
            String digits = candidate.replaceAll("\\D", "");
            if (digits.length() < 7) {
                continue;
            }
            String e164 = e164(candidate, digits);
            if (e164 == null) {
                return ParseResult.invalid("not a phone number in E.164 range");
            }
            numbers.add(e164);
        }
        if (numbers.size() > 1) {
            return ParseResult.invalid("several phone numbers");
        }
        if (numbers.isEmpty()) {
            return ParseResult.NONE;
        }
        String number = numbers.iterator().next();
        return ParseResult.value(number, number);
    }

    private String e164(String candidate, String digits) {
        String international;
        if (candidate.startsWith("+")) {
            international = digits;
        } else if (digits.startsWith("00")) {
            international = digits.substring(2);
        } else if (defaultCountry == null) {
            return null;
        } else {
            String national = digits;
            String trunk = defaultCountry.trunkPrefix();
            if (!trunk.isEmpty() && national.startsWith(trunk)) {
                national = national.substring(trunk.length());
            }
            international = defaultCountry.callingCode() + national;
        }
        if (international.length() < 8 || international.length() > 15 || international.startsWith("0")) {
            return null;
        }
        return "+" + international;
    }
}
