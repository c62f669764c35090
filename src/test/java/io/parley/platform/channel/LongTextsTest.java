package io.parley.platform.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LongTextsTest {
    @Test
    void should_keep_a_text_that_fits_as_it_is() {
        assertThat(LongTexts.split("Short. Text.", 20)).containsExactly("Short. Text.");
        assertThat(LongTexts.truncate("Short.", 20)).isEqualTo("Short.");
    }

    @Test
    void should_split_at_sentence_boundaries_when_the_text_is_longer_than_the_limit() {
        List<String> parts = LongTexts.split("One two three. Four five six! Seven eight nine? Ten.", 30);

        assertThat(parts).containsExactly("One two three. Four five six!", "Seven eight nine? Ten.");
    }

    @Test
    void should_keep_line_breaks_inside_a_part_and_split_between_paragraphs() {
        String text = "Intro line.\n- item one\n- item two\n\nSecond paragraph is here.";

        assertThat(LongTexts.split(text, 40))
                .containsExactly("Intro line.\n- item one\n- item two", "Second paragraph is here.");
    }

    @Test
    void should_split_a_sentence_longer_than_the_limit_at_words_then_anywhere() {
        assertThat(LongTexts.split("alpha beta gamma delta epsilon", 12))
                .containsExactly("alpha beta", "gamma delta", "epsilon");
        assertThat(LongTexts.split("abcdefghijklmnop", 5)).containsExactly("abcde", "fghij", "klmno", "p");
    }

    @Test
    void should_count_code_points_not_chars_when_splitting() {
        String emoji = "😀😀😀😀 😀😀😀😀.";

        assertThat(LongTexts.split(emoji, 5))
                .allSatisfy(part -> assertThat(LongTexts.length(part)).isLessThanOrEqualTo(5));
    }

    @Test
    void should_truncate_with_the_marker_within_the_limit_when_the_channel_does_not_split() {
        String text = "word ".repeat(100).strip();

        String cut = LongTexts.truncate(text, 50);

        assertThat(LongTexts.length(cut)).isLessThanOrEqualTo(50);
        assertThat(cut).endsWith(ChannelCapabilities.TRUNCATION_MARKER).startsWith("word word");
        assertThat(cut).doesNotContain("wor" + ChannelCapabilities.TRUNCATION_MARKER);
    }

    @Test
    void should_split_a_whatsapp_sized_reply_into_parts_of_at_most_4096_characters() {
        String sentence = "This sentence is part of a long answer from the model. ";
        String text = sentence.repeat(200).strip();

        List<String> parts = LongTexts.split(text, 4096);

        assertThat(parts).hasSize(3).allSatisfy(part -> {
            assertThat(part.length()).isLessThanOrEqualTo(4096);
            assertThat(part).endsWith(".");
        });
        assertThat(String.join(" ", parts)).isEqualTo(text);
    }
}
