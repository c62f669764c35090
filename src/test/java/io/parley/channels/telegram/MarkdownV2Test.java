package io.parley.channels.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Telegram's MarkdownV2 rules (Bot API "MarkdownV2 style"), one row per special character and place. */
class MarkdownV2Test {
    /** Rule 4's 18 characters, and the backslash (rule 1). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"_", "*", "[", "]", "(", ")", "~", "`", ">", "#", "+", "-", "=", "|", "{", "}", ".", "!", "\\"})
    void should_escape_every_special_character_in_text(String special) {
        assertThat(MarkdownV2.escape("a" + special + "b")).isEqualTo("a\\" + special + "b");
        assertThat(MarkdownV2.unescape(MarkdownV2.escape("a" + special + "b"))).isEqualTo("a" + special + "b");
    }

    /** Inside a link's {@code (...)} only {@code )} and {@code \}; the shown text follows the text rules. */
    @ParameterizedTest(name = "{0} in a link")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "')'|'\\)'",
                "'\\'|'\\\\'",
                "'('|'('",
                "'_'|'_'",
                "'.'|'.'",
                "'#'|'#'",
                "'!'|'!'",
                "'='|'='",
                "'-'|'-'"
            })
    void should_escape_only_the_closing_parenthesis_and_backslash_in_a_link_url(String special, String expected) {
        assertThat(MarkdownV2.escapeLinkUrl("https://x.example/a" + special))
                .isEqualTo("https://x.example/a" + expected);
    }

    @Test
    void should_escape_the_text_of_a_link_as_text_and_its_url_as_a_url() {
        assertThat(MarkdownV2.link("Order #4 (new).", "https://shop.example/o?id=4&x=(1)"))
                .isEqualTo("[Order \\#4 \\(new\\)\\.](https://shop.example/o?id=4&x=(1\\))");
    }

    @Test
    void should_escape_only_backticks_and_backslashes_in_code() {
        assertThat(MarkdownV2.escapeCode("a_b*c`d\\e.f")).isEqualTo("a_b*c\\`d\\\\e.f");
    }

    /** The seed's list lacks {@code ( ) #} and adds {@code <}: Telegram refuses the first and shows {@code \<}. */
    @Test
    void should_not_follow_the_seeds_wrong_list() {
        assertThat(MarkdownV2.escape("(#1)")).isEqualTo("\\(\\#1\\)");
        assertThat(MarkdownV2.escape("a<b")).isEqualTo("a<b");
        assertThat(MarkdownV2.SPECIAL.chars().filter(c -> c != '\\')).hasSize(18);
    }

    @Test
    void should_leave_other_text_alone() {
        assertThat(MarkdownV2.escape("Hola, ¿qué tal? 😀 <b & c>")).isEqualTo("Hola, ¿qué tal? 😀 <b & c\\>");
    }

    @Test
    void should_count_what_telegram_shows_when_splitting_so_escapes_do_not_cost_length() {
        String escaped = MarkdownV2.escape("a.".repeat(2048));

        assertThat(MarkdownV2.split(escaped, 4096)).containsExactly(escaped);
    }

    @Test
    void should_never_split_an_escape_from_its_character() {
        String escaped = MarkdownV2.escape("abc." + "x.".repeat(10));

        List<String> parts = MarkdownV2.split(escaped, 4);

        assertThat(String.join("", parts)).isEqualTo(escaped);
        assertThat(parts).allSatisfy(part -> {
            assertThat(MarkdownV2.shownLength(part)).isLessThanOrEqualTo(4);
            assertThat(part).doesNotEndWith("\\").doesNotStartWith(".");
        });
    }

    @Test
    void should_never_split_a_surrogate_pair() {
        String escaped = "a" + "😀".repeat(5);

        List<String> parts = MarkdownV2.split(escaped, 4);

        assertThat(String.join("", parts)).isEqualTo(escaped);
        assertThat(parts)
                .allSatisfy(part ->
                        assertThat(Character.isLowSurrogate(part.charAt(0))).isFalse())
                .allSatisfy(part -> assertThat(part.length()).isLessThanOrEqualTo(4));
    }

    @Test
    void should_prefer_to_split_after_a_space() {
        assertThat(MarkdownV2.split("hello world again", 12)).containsExactly("hello world ", "again");
    }

    @Test
    void should_read_a_start_code_and_nothing_else() {
        assertThat(StartCommand.code("/start abc_DEF-12")).contains("abc_DEF-12");
        assertThat(StartCommand.code("/start@parley_bot abc")).contains("abc");
        assertThat(StartCommand.code("/start")).isEmpty();
        assertThat(StartCommand.code("/start two words")).isEmpty();
        assertThat(StartCommand.code("hello /start abc")).isEmpty();
    }
}
