package io.parley.flows.parse;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code dimensions}: width × height, the spec's {@code (\d+(?:[.,]\d+)?)\s*(cm|mm)?\s*[x×*]\s*(\d+(?:[.,]\d+)?)\s*(cm|mm)?}
 * with bounded digits and spaces (linear matching). Value {@code {width, height, unit: "cm", width_cm, height_cm}} (BigDecimal; the first three as spec §5's goldens read them), normalized
 * "10x15 cm". A unit on one side applies to both ("10x15cm", "10cm x 15"); no unit means cm; mm are divided by 10.
 * Money in the text is ignored ("10x15cm for 300€"). Several different sizes, or a side of 0 or above 1,000 cm, are
 * {@link ParseResult.Invalid}.
 */
record DimensionsParser() implements Parser {

    static final ParserKind KIND =
            new SimpleKind("dimensions", null, Set.of(), (options, env) -> new DimensionsParser());

    static final Pattern PATTERN = Pattern.compile(
            "(?<![\\d.,])(\\d{1,6}(?:[.,]\\d{1,3})?)\\s{0,5}(cm|mm)?\\s{0,5}[x×*]\\s{0,5}(\\d{1,6}(?:[.,]\\d{1,3})?)"
                    + "(?![\\d])\\s{0,5}(cm|mm)?",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final BigDecimal MAX_CM = new BigDecimal(1000);

    private record Size(BigDecimal width, BigDecimal height) {}

    @Override
    public String name() {
        return "dimensions";
    }

    @Override
    public ParseResult parse(ParseInput input) {
        Matcher matcher = PATTERN.matcher(input.text());
        Set<Size> sizes = new LinkedHashSet<>();
        while (matcher.find()) {
            String firstUnit = unit(matcher.group(2));
            String secondUnit = unit(matcher.group(4));
            String widthUnit = firstUnit != null ? firstUnit : secondUnit != null ? secondUnit : "cm";
            String heightUnit = secondUnit != null ? secondUnit : widthUnit;
            sizes.add(new Size(cm(matcher.group(1), widthUnit), cm(matcher.group(3), heightUnit)));
        }
        if (sizes.isEmpty()) {
            return ParseResult.NONE;
        }
        if (sizes.size() > 1) {
            return ParseResult.invalid("several sizes");
        }
        Size size = sizes.iterator().next();
        if (!inRange(size.width()) || !inRange(size.height())) {
            return ParseResult.invalid("size out of range");
        }
        Map<String, Object> value = new LinkedHashMap<>();
        // the golden transcripts' shape (spec §5: {width, height, unit}), and the explicit one beside it
        value.put("width", size.width());
        value.put("height", size.height());
        value.put("unit", "cm");
        value.put("width_cm", size.width());
        value.put("height_cm", size.height());
        return ParseResult.value(
                value, size.width().toPlainString() + "x" + size.height().toPlainString() + " cm");
    }

    private static String unit(String unit) {
        return unit == null ? null : unit.toLowerCase(Locale.ROOT);
    }

    private static BigDecimal cm(String number, String unit) {
        BigDecimal value = new BigDecimal(number.replace(',', '.'));
        return DecimalReader.tidy(unit.equals("mm") ? value.movePointLeft(1) : value);
    }

    private static boolean inRange(BigDecimal cm) {
        return cm.signum() > 0 && cm.compareTo(MAX_CM) <= 0;
    }
}
