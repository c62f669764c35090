package io.parley.flows.parse;

import static io.parley.flows.parse.Parsing.parse;
import static io.parley.flows.parse.Parsing.parser;
import static io.parley.flows.parse.Parsing.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParsersTest {

    private static final Map<String, Object> EUR = Map.of("money", Map.of("currency_default", "EUR"));

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "10x15cm|10|15",
                "10 x 15 cm|10|15",
                "10×15|10|15",
                "10x15cm 250€|10|15",
                "10x15cm for 300€|10|15",
                "100mm x 150mm|10|15",
                "10cm * 15|10|15",
                "7,5 x 10|7.5|10",
                "about 12.5X20 CM please|12.5|20",
                "95 mm x 12 cm|9.5|12"
            })
    void should_read_width_and_height_in_cm_when_dimensions_are_written_in_any_usual_way(
            String text, String width, String height) {
        assertThat(value("dimensions", text))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("width_cm", new BigDecimal(width))
                .containsEntry("height_cm", new BigDecimal(height))
                .containsEntry("width", new BigDecimal(width))
                .containsEntry("height", new BigDecimal(height))
                .containsEntry("unit", "cm");
    }

    @Test
    void should_give_the_values_in_the_shape_the_golden_transcripts_expect() {
        assertThat(value("dimensions", "10x15cm"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("width", BigDecimal.TEN)
                .containsEntry("height", new BigDecimal(15))
                .containsEntry("unit", "cm");
        assertThat(value(EUR, "around 300 euros"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("amount", new BigDecimal(300))
                .containsEntry("currency", "EUR");
    }

    @Test
    void should_normalize_dimensions_for_summaries_and_refuse_nonsense() {
        assertThat(parse("dimensions", "10x15cm"))
                .isEqualTo(ParseResult.value(
                        Map.of(
                                "width",
                                BigDecimal.TEN,
                                "height",
                                new BigDecimal(15),
                                "unit",
                                "cm",
                                "width_cm",
                                BigDecimal.TEN,
                                "height_cm",
                                new BigDecimal(15)),
                        "10x15 cm"));
        assertThat(parse("dimensions", "pretty big")).isEqualTo(ParseResult.NONE);
        assertThat(parse("dimensions", "about the size of my palm")).isEqualTo(ParseResult.NONE);
        assertThat(parse("dimensions", "0x15")).isInstanceOf(ParseResult.Invalid.class);
        assertThat(parse("dimensions", "10x15 or 20x30")).isInstanceOf(ParseResult.Invalid.class);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "300 EUR|30000|EUR",
                "€50|5000|EUR",
                "50,00 €|5000|EUR",
                "1.200,50 EUR|120050|EUR",
                "$1,200.50|120050|USD",
                "around 300 euros|30000|EUR",
                "300|30000|EUR",
                "about 300|30000|EUR",
                "£75|7500|GBP",
                "2500 JPY|2500|JPY",
                "1.200 EUR|120000|EUR",
                "1,5 EUR|150|EUR",
                "10x15cm for 300€|30000|EUR",
                "300 SEK|30000|SEK"
            })
    void should_read_amount_in_minor_units_and_currency(String text, String minor, String currency) {
        assertThat(value(EUR, text))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("amount_minor", new BigDecimal(minor))
                .containsEntry("currency", currency);
    }

    @Test
    void should_refuse_ambiguous_or_unusable_amounts() {
        assertThat(parse(EUR, "300 EUR"))
                .extracting(r -> ((ParseResult.Value) r).normalized())
                .isEqualTo("300 EUR");
        assertThat(parse(EUR, "between 200 EUR and 300 EUR")).isInstanceOf(ParseResult.Invalid.class);
        assertThat(parse(EUR, "200 or 300")).isInstanceOf(ParseResult.Invalid.class);
        assertThat(parse(EUR, "1,5055 EUR")).isInstanceOf(ParseResult.Invalid.class);
        assertThat(parse(EUR, "12.345 JPY")).isInstanceOf(ParseResult.Value.class);
        assertThat(parse(EUR, "0 EUR")).isInstanceOf(ParseResult.Invalid.class);
        assertThat(parse(EUR, "no idea")).isEqualTo(ParseResult.NONE);
        assertThat(parse("money", "300")).isInstanceOf(ParseResult.Invalid.class);
        assertThat(value(Map.of("money", Map.of("currency_default", "CAD")), "$20"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsEntry("amount_minor", new BigDecimal(2000))
                .containsEntry("currency", "CAD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"fine line", "Fine-Line", "FINE_LINE", "  fine   line! ", "2", "I'd like fine line please"})
    void should_pick_the_option_whatever_its_case_spacing_or_number(String text) {
        assertThat(parse(Map.of("choice", List.of("realism", "fine_line", "traditional")), text))
                .isEqualTo(ParseResult.value("fine_line", "Fine line"));
    }

    @Test
    void should_match_synonyms_without_accents_and_refuse_two_options() {
        Map<String, Object> spec = Map.of(
                "choice",
                List.of(
                        Map.of("id", "realism", "title", "Realism", "synonyms", List.of("réalisme", "realista")),
                        Map.of("id", "fine_line", "title", "Fine line")));
        assertThat(value(spec, "REALISME")).isEqualTo("realism");
        assertThat(value(spec, "Réalisme")).isEqualTo("realism");
        assertThat(parse(spec, "realism or fine line")).isInstanceOf(ParseResult.Invalid.class);
        assertThat(parse(spec, "purple")).isEqualTo(ParseResult.NONE);
        assertThat(parse(spec, "3")).isInstanceOf(ParseResult.Invalid.class);
    }

    @Test
    void should_choose_among_items_from_the_conversation_data_and_store_the_whole_item() {
        List<Map<String, Object>> slots = List.of(
                Map.of("id", "s1", "label", "Tue 10 Mar 11:00"), Map.of("id", "s2", "label", "Wed 11 Mar 16:00"));
        Parser parser = parser(
                Map.of("choice", "vars.find_slots"),
                ParserEnvironment.of(Parsing.CLOCK, Map.of("vars", Map.of("find_slots", slots))));
        assertThat(parser.parse(ParseInput.text("s1"))).isEqualTo(ParseResult.value(slots.get(0), "Tue 10 Mar 11:00"));
        assertThat(parser.parse(ParseInput.text("2"))).isEqualTo(ParseResult.value(slots.get(1), "Wed 11 Mar 16:00"));
    }

    @ParameterizedTest
    @CsvSource({
        "yes,true",
        "Y,true",
        "Yeah!,true",
        "sure,true",
        "ok,true",
        "Yes please send it,true",
        "👍,true",
        "no,false",
        "N,false",
        "Nope.,false",
        "no thanks,false"
    })
    void should_read_yes_and_no_words(String text, boolean expected) {
        assertThat(value("yes_no", text)).isEqualTo(expected);
    }

    @Test
    void should_not_guess_yes_or_no() {
        assertThat(parse("yes_no", "maybe")).isEqualTo(ParseResult.NONE);
        assertThat(parse("yes_no", "yes no")).isEqualTo(ParseResult.NONE);
    }

    @Test
    void should_read_references_from_images_and_text() {
        Parser parser = parser("references");
        assertThat(parser.parse(ParseInput.of("", MediaItem.image("m1"))))
                .isEqualTo(ParseResult.value(Map.of("images", List.of("m1")), "1 image"));
        assertThat(parser.parse(ParseInput.text("realism @inkbyjo")))
                .isEqualTo(
                        ParseResult.value(Map.of("images", List.of(), "text", "realism @inkbyjo"), "realism @inkbyjo"));
        assertThat(parser.parse(ParseInput.of("like these", MediaItem.image("m1"), MediaItem.image("m2"))))
                .isEqualTo(ParseResult.value(
                        Map.of("images", List.of("m1", "m2"), "text", "like these"), "2 images + text"));
        assertThat(parser.parse(ParseInput.of("", new MediaItem(MediaKind.AUDIO, "audio/ogg", "a1"))))
                .isInstanceOf(ParseResult.Invalid.class);
        assertThat(parser.parse(ParseInput.text("  "))).isEqualTo(ParseResult.NONE);
    }

    @Test
    void should_accept_only_listed_media_types() {
        Parser parser = parser(Map.of("media", List.of("image", "document")));
        MediaItem pdf = new MediaItem(MediaKind.DOCUMENT, "application/pdf", "d1");
        assertThat(parser.parse(ParseInput.of("", pdf)))
                .isEqualTo(ParseResult.value(
                        List.of(Map.of("type", "document", "mime_type", "application/pdf", "id", "d1")), "1 document"));
        assertThat(parser.parse(ParseInput.of("", new MediaItem(MediaKind.VIDEO, "video/mp4", "v1"))))
                .isInstanceOf(ParseResult.Invalid.class);
        assertThat(parser.parse(ParseInput.text("here it is"))).isEqualTo(ParseResult.NONE);
    }

    @Test
    void should_take_non_blank_text_up_to_the_max_length() {
        Parser parser = parser(Map.of("text", Map.of("max_length", 10)));
        assertThat(parser.parse(ParseInput.text("  a rose  "))).isEqualTo(ParseResult.value("a rose", "a rose"));
        assertThat(parser.parse(ParseInput.text(" "))).isEqualTo(ParseResult.NONE);
        assertThat(parser.parse(ParseInput.text("a rose on my arm"))).isInstanceOf(ParseResult.Invalid.class);
        assertThat(parser("text").parse(ParseInput.text("x".repeat(2_001)))).isInstanceOf(ParseResult.Invalid.class);
    }

    @Test
    void should_read_one_number_within_bounds() {
        Map<String, Object> spec = Map.of("number", Map.of("min", 1, "max", 100, "integer", true));
        assertThat(value(spec, "about 25")).isEqualTo(new BigDecimal(25));
        assertThat(value("number", "-3,5")).isEqualTo(new BigDecimal("-3.5"));
        assertThat(value("number", "1.200")).isEqualTo(new BigDecimal(1200));
        assertThat(parse(spec, "250")).isInstanceOf(ParseResult.Invalid.class);
        assertThat(parse(spec, "2.5")).isInstanceOf(ParseResult.Invalid.class);
        assertThat(parse(spec, "2 or 3")).isInstanceOf(ParseResult.Invalid.class);
        assertThat(parse(spec, "none")).isEqualTo(ParseResult.NONE);
    }

    @ParameterizedTest
    @CsvSource({
        "2026-03-10,2026-03-10",
        "10.03.2026,2026-03-10",
        "25/03/2026,2026-03-25",
        "03/25/2026,2026-03-25",
        "10 March 2026,2026-03-10",
        "'March 10, 2026',2026-03-10",
        "10 mar,2026-03-10",
        "1 feb,2027-02-01",
        "tomorrow,2026-03-03",
        "today,2026-03-02"
    })
    void should_read_dates_in_iso_and_unambiguous_forms(String text, String iso) {
        assertThat(value("date", text)).isEqualTo(iso);
    }

    @Test
    void should_refuse_ambiguous_dates_and_relative_ones_without_a_clock() {
        assertThat(parse("date", "03/04/2026")).isInstanceOf(ParseResult.Invalid.class);
        assertThat(parse("date", "2026-02-30")).isInstanceOf(ParseResult.Invalid.class);
        Parser clockless = parser("date", ParserEnvironment.NONE);
        assertThat(clockless.parse(ParseInput.text("tomorrow"))).isInstanceOf(ParseResult.Invalid.class);
        assertThat(clockless.parse(ParseInput.text("2026-03-10")))
                .isEqualTo(ParseResult.value("2026-03-10", "2026-03-10"));
    }

    @Test
    void should_read_one_email_and_not_take_a_handle_for_one() {
        assertThat(value("email", "it's Ana.Ruiz@Example.COM thanks")).isEqualTo("Ana.Ruiz@example.com");
        assertThat(parse("email", "realism @artist")).isEqualTo(ParseResult.NONE);
        assertThat(parse("email", "a@b.com or c@d.org")).isInstanceOf(ParseResult.Invalid.class);
    }

    @Test
    void should_normalize_phones_to_e164() {
        assertThat(value("phone", "+34 600 00 00 01")).isEqualTo("+34600000001");
        assertThat(value("phone", "0034 600-000-001")).isEqualTo("+34600000001");
        assertThat(value(Map.of("phone", Map.of("default_country", "GB")), "020 7946 0958"))
                .isEqualTo("+442079460958");
        assertThat(value(Map.of("phone", Map.of("default_country", "es")), "600 000 001"))
                .isEqualTo("+34600000001");
        assertThat(parse("phone", "600 000 001")).isInstanceOf(ParseResult.Invalid.class);
        assertThat(parse("phone", "call me")).isEqualTo(ParseResult.NONE);
    }

    @Test
    void should_match_a_regex_safely() {
        assertThat(value(Map.of("regex", "[A-Z]{2}\\d{4}"), " AB1234 ")).isEqualTo("AB1234");
        assertThat(value(Map.of("regex", Map.of("pattern", "ref (?<value>\\d+)", "full", false)), "my ref 77 ok"))
                .isEqualTo("77");
        assertThat(parse(Map.of("regex", "[A-Z]{2}\\d{4}"), "ab1234")).isInstanceOf(ParseResult.Invalid.class);
        // catastrophic backtracking (minutes unbounded on the JDK): stopped by the read budget
        assertThat(parse(Map.of("regex", "(.*a){12}x"), "a".repeat(200)))
                .isEqualTo(ParseResult.invalid("pattern too costly for this text"));
    }

    @Test
    void should_report_option_problems_naming_the_parser_and_option() {
        ParserRegistry registry = ParserRegistry.standard();
        assertThat(registry.validate("colour")).singleElement().asString().contains("unknown parser 'colour'");
        assertThat(registry.validate(Map.of("money", Map.of("currency_default", "EURO"))))
                .containsExactly("money.currency_default must be an ISO 4217 code such as EUR");
        assertThat(registry.validate(Map.of("money", Map.of("currency", "EUR"))))
                .singleElement()
                .asString()
                .startsWith("money.currency is not an option of money");
        assertThat(registry.validate(Map.of("regex", "x".repeat(201))))
                .containsExactly("regex.pattern must be at most 200 characters");
        assertThat(registry.validate(Map.of("regex", "(unclosed")))
                .singleElement()
                .asString()
                .startsWith("regex.pattern is not a valid");
        assertThat(registry.validate(Map.of("choice", List.of("a", "A"))))
                .singleElement()
                .asString()
                .contains("names both");
        assertThat(registry.validate(Map.of("choice", "find_slots")))
                .containsExactly("choice.from must be a path such as vars.find_slots");
        assertThat(registry.validate(Map.of("media", List.of("image", "sticker"))))
                .containsExactly("media.types has unknown media type 'sticker'");
        assertThat(registry.validate(Map.of("money", Map.of("currency_default", "EUR"))))
                .isEmpty();
        assertThat(registry.names())
                .containsExactly(
                        "text",
                        "yes_no",
                        "number",
                        "money",
                        "date",
                        "email",
                        "phone",
                        "regex",
                        "media",
                        "choice",
                        "references",
                        "dimensions");
    }
}
