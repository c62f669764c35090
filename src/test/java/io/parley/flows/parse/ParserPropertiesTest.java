package io.parley.flows.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.assertj.core.api.InstanceOfAssertFactories;

/** Properties of the parsers over generated inputs (jqwik, run by surefire's JUnit Platform next to Jupiter). */
class ParserPropertiesTest {

    private static final List<Object> ALL_SPECS = List.of(
            "text",
            "yes_no",
            "number",
            Map.of("money", Map.of("currency_default", "EUR")),
            "date",
            "email",
            Map.of("phone", Map.of("default_country", "ES")),
            Map.of("regex", "(a|b+)*c"),
            Map.of("media", List.of("image", "audio")),
            Map.of("choice", List.of("realism", "fine_line", "traditional")),
            "references",
            "dimensions");
    private static final List<Parser> ALL =
            ALL_SPECS.stream().map(Parsing::parser).toList();

    @Property(tries = 300)
    void no_parser_throws_on_any_text(@ForAll @StringLength(max = 2_000) String text) {
        ParseInput input = ParseInput.of(text, MediaItem.image("m1"));
        for (Parser parser : ALL) {
            assertThat(parser.parse(input)).isNotNull();
            assertThat(parser.parse(ParseInput.text(text))).isNotNull();
        }
    }

    @Property(tries = 200)
    void no_parser_throws_on_text_made_of_the_characters_parsers_look_for(@ForAll("parserish") String text) {
        for (Parser parser : ALL) {
            assertThat(parser.parse(ParseInput.text(text))).isNotNull();
        }
    }

    @Provide
    Arbitrary<String> parserish() {
        return Arbitraries.strings()
                .withChars("0123456789.,x×*-+/€$£ cmCMaey@ \t()")
                .ofMaxLength(2_000);
    }

    @Property
    void dimensions_read_back_any_width_and_height(
            @ForAll @IntRange(min = 1, max = 999) int width,
            @ForAll @IntRange(min = 0, max = 9) int widthTenth,
            @ForAll @IntRange(min = 1, max = 999) int height,
            @ForAll("units") String unit,
            @ForAll("separators") String separator,
            @ForAll("spaces") String space1,
            @ForAll("spaces") String space2,
            @ForAll("spaces") String space3,
            @ForAll boolean comma) {
        String w = width + (widthTenth == 0 ? "" : (comma ? "," : ".") + widthTenth);
        String text = "about " + w + space1 + separator + space2 + height + space3 + unit + " for 300€";
        BigDecimal widthCm = new BigDecimal(width + "." + widthTenth);
        BigDecimal heightCm = new BigDecimal(height);
        if (unit.equalsIgnoreCase("mm")) {
            widthCm = widthCm.movePointLeft(1);
            heightCm = heightCm.movePointLeft(1);
        }
        Object value = ((ParseResult.Value) Parsing.parse("dimensions", text)).value();
        Map<?, ?> size = (Map<?, ?>) value;
        assertThat((BigDecimal) size.get("width_cm")).isEqualByComparingTo(widthCm);
        assertThat((BigDecimal) size.get("height_cm")).isEqualByComparingTo(heightCm);
    }

    @Provide
    Arbitrary<String> units() {
        return Arbitraries.of("", "cm", "CM", "mm", "Mm");
    }

    @Provide
    Arbitrary<String> separators() {
        return Arbitraries.of("x", "X", "×", "*");
    }

    @Provide
    Arbitrary<String> spaces() {
        return Arbitraries.of("", " ", "  ", "\t");
    }

    @Property
    void money_round_trips_amounts_in_every_usual_notation(
            @ForAll @LongRange(min = 1, max = 99_999_999) long minor, @ForAll("notations") Notation notation) {
        String currency = notation.currency();
        int digits = CurrencyMarkers.minorDigits(currency);
        BigDecimal amount = BigDecimal.valueOf(minor).movePointLeft(digits);
        String text = notation.write(amount, digits);
        Object value = Parsing.value(Map.of("money", Map.of("currency_default", "EUR")), text);
        assertThat(value)
                .as(text)
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("amount_minor", BigDecimal.valueOf(minor))
                .containsEntry("currency", currency);
    }

    /** One way people write an amount: currency, marker placement, thousands grouping and decimal style. */
    record Notation(String currency, String marker, boolean before, boolean space, String grouping, String decimal) {
        String write(BigDecimal amount, int digits) {
            String whole = amount.setScale(0, java.math.RoundingMode.DOWN).toPlainString();
            String grouped = grouping.isEmpty() ? whole : whole.replaceAll("(\\d)(?=(\\d{3})+$)", "$1" + grouping);
            String fraction = amount.remainder(BigDecimal.ONE)
                    .movePointRight(digits)
                    .abs()
                    .toBigInteger()
                    .toString();
            String number = digits == 0 || fraction.equals("0")
                    ? grouped
                    : grouped + decimal + "0".repeat(digits - fraction.length()) + fraction;
            String gap = space ? " " : "";
            return before ? marker + gap + number : number + gap + marker;
        }
    }

    @Provide
    Arbitrary<Notation> notations() {
        Arbitrary<String[]> currency = Arbitraries.of(
                new String[] {"EUR", "€"},
                new String[] {"EUR", "EUR"},
                new String[] {"EUR", "euros"},
                new String[] {"USD", "$"},
                new String[] {"USD", "usd"},
                new String[] {"GBP", "£"},
                new String[] {"JPY", "JPY"},
                new String[] {"CHF", "CHF"});
        Arbitrary<String[]> style = Arbitraries.of(
                new String[] {"", "."}, new String[] {"", ","}, new String[] {",", "."}, new String[] {".", ","});
        return Combinators.combine(currency, Arbitraries.of(true, false), Arbitraries.of(true, false), style)
                .as((c, before, space, s) -> new Notation(c[0], c[1], before, space, s[0], s[1]));
    }

    @Property
    void choice_ignores_case_accents_spacing_and_separators_of_its_options(
            @ForAll("options") String option, @ForAll("spellings") Spelling spelling) {
        Map<String, Object> spec = Map.of(
                "choice",
                List.of(
                        Map.of("id", "realism", "synonyms", List.of("réalisme")),
                        Map.of("id", "fine_line"),
                        Map.of("id", "black_and_grey", "title", "Black & grey"),
                        Map.of("id", "neo_traditional", "title", "Neo-traditional")));
        String written = spelling.apply(option);
        String expected = option.equals("réalisme") ? "realism" : option.replace(' ', '_');
        assertThat(Parsing.value(spec, written)).as(written).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> options() {
        return Arbitraries.of("realism", "réalisme", "fine line", "black and grey", "neo traditional");
    }

    /** A way to mangle an option's spelling that must not change the choice. */
    record Spelling(int caseMode, String separator, String padding, boolean stripAccents) {
        String apply(String option) {
            String text = stripAccents
                    ? Normalizer.normalize(option, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                    : option;
            text = switch (caseMode) {
                case 0 -> text.toUpperCase(Locale.ROOT);
                case 1 -> text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
                default -> text;
            };
            return padding + text.replace(" ", separator) + padding;
        }
    }

    @Provide
    Arbitrary<Spelling> spellings() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.of(" ", "  ", "_", "-", " - "),
                        Arbitraries.of("", " ", "  ", "\t"),
                        Arbitraries.of(true, false))
                .as(Spelling::new);
    }
}
