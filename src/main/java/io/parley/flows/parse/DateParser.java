package io.parley.flows.parse;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code date}: a calendar date, value the ISO text ("2026-03-10"). Understood: ISO {@code 2026-03-10}; day first with
 * dots {@code 10.03.2026}; slashes or dashes only when unambiguous ({@code 25/03/2026}, {@code 03/25/2026}; "03/04/2026"
 * is {@link ParseResult.Invalid}); English month names or abbreviations ({@code 10 March 2026}, {@code March 10, 2026},
 * {@code 10 Mar}); and, only with a clock in the {@link ParserEnvironment}, {@code today}, {@code tomorrow} and a day
 * and month without a year (the next such date). Options {@code not_before_today} (default false).
 */
record DateParser(boolean notBeforeToday, ParserEnvironment environment) implements Parser {

    static final ParserKind KIND = new SimpleKind("date", null, Set.of("not_before_today"), DateParser::read);

    private static final Pattern ISO = Pattern.compile("(?<!\\d)(\\d{4})-(\\d{1,2})-(\\d{1,2})(?!\\d)");
    private static final Pattern DOTTED = Pattern.compile("(?<![\\d.])(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})(?!\\d)");
    private static final Pattern SLASHED = Pattern.compile("(?<![\\d/-])(\\d{1,2})[/-](\\d{1,2})[/-](\\d{4})(?!\\d)");
    private static final Pattern DAY_MONTH = Pattern.compile(
            "(?<!\\d)(\\d{1,2})(?:st|nd|rd|th)?\\s{1,3}(?:of\\s{1,3})?([a-z]{3,9})\\.?(?:,?\\s{1,3}(\\d{4}))?");
    private static final Pattern MONTH_DAY = Pattern.compile(
            "(?<![a-z])([a-z]{3,9})\\.?\\s{1,3}(\\d{1,2})(?:st|nd|rd|th)?(?!\\d)(?:,?\\s{1,3}(\\d{4}))?");
    private static final List<String> MONTHS = List.of(
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december");

    private static Parser read(OptionReader options, ParserEnvironment environment) {
        return new DateParser(options.bool("not_before_today", false), environment);
    }

    @Override
    public String name() {
        return "date";
    }

    @Override
    public ParseResult parse(ParseInput input) {
        String text = input.stripped().toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            return ParseResult.NONE;
        }
        LocalDate today = environment.today().orElse(null);
        if (text.matches("(?:it'?s\\s)?today\\W*")) {
            return checked(today);
        }
        if (text.matches("(?:it'?s\\s)?tomorrow\\W*")) {
            return checked(today == null ? null : today.plusDays(1));
        }
        Matcher iso = ISO.matcher(text);
        if (iso.find()) {
            return checked(date(iso.group(1), iso.group(2), iso.group(3)));
        }
        Matcher dotted = DOTTED.matcher(text);
        if (dotted.find()) {
            return checked(date(dotted.group(3), dotted.group(2), dotted.group(1)));
        }
        Matcher slashed = SLASHED.matcher(text);
        if (slashed.find()) {
            int a = Integer.parseInt(slashed.group(1));
            int b = Integer.parseInt(slashed.group(2));
            if (a <= 12 && b <= 12 && a != b) {
                return ParseResult.invalid("ambiguous day and month");
            }
            return a > 12
                    ? checked(date(slashed.group(3), slashed.group(2), slashed.group(1)))
                    : checked(date(slashed.group(3), slashed.group(1), slashed.group(2)));
        }
        return named(text, today);
    }

    private ParseResult named(String text, LocalDate today) {
        Matcher dayMonth = DAY_MONTH.matcher(text);
        while (dayMonth.find()) {
            int month = month(dayMonth.group(2));
            if (month > 0) {
                return withYear(dayMonth.group(1), month, dayMonth.group(3), today);
            }
        }
        Matcher monthDay = MONTH_DAY.matcher(text);
        while (monthDay.find()) {
            int month = month(monthDay.group(1));
            if (month > 0) {
                return withYear(monthDay.group(2), month, monthDay.group(3), today);
            }
        }
        return ParseResult.NONE;
    }

    private ParseResult withYear(String day, int month, String year, LocalDate today) {
        if (year != null) {
            return checked(date(year, String.valueOf(month), day));
        }
        if (today == null) {
            return ParseResult.invalid("no year");
        }
        LocalDate date = date(String.valueOf(today.getYear()), String.valueOf(month), day);
        if (date != null && date.isBefore(today)) {
            date = date(String.valueOf(today.getYear() + 1), String.valueOf(month), day);
        }
        return checked(date);
    }

    private ParseResult checked(LocalDate date) {
        if (date == null) {
            return ParseResult.invalid("no such date");
        }
        LocalDate today = environment.today().orElse(null);
        if (notBeforeToday && today != null && date.isBefore(today)) {
            return ParseResult.invalid("in the past");
        }
        return ParseResult.value(date.toString(), date.toString());
    }

    private static int month(String word) {
        for (int i = 0; i < MONTHS.size(); i++) {
            String name = MONTHS.get(i);
            if (word.equals(name) || word.equals(name.substring(0, 3)) || (i == 8 && word.equals("sept"))) {
                return i + 1;
            }
        }
        return 0;
    }

    private static LocalDate date(String year, String month, String day) {
        try {
            return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }
}
