package io.parley.flows.parse;

import static io.parley.flows.parse.Parsing.parser;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tattoo flow's open questions after {@code dimensions} (spec §3.1) and the bundle goldens 5, 7 and 9 (§5). */
class BundleCheckTest {

    private final List<Parser> othersAtDimensions = List.of(
            parser(Map.of("choice", List.of("realism", "fine_line", "traditional"))),
            parser("references"),
            parser(Map.of("money", Map.of("currency_default", "EUR"))),
            parser("text"));

    @Test
    void should_reject_a_message_answering_two_other_questions() {
        ParseInput message = ParseInput.text("10x15cm, realism, 300€");
        assertThat(BundleCheck.otherAnswers(message, othersAtDimensions)).isEqualTo(2);
        assertThat(BundleCheck.isBundle(message, othersAtDimensions, BundleCheck.DEFAULT_MIN_OTHER_ANSWERS))
                .isTrue();
    }

    @Test
    void should_take_the_current_answer_when_one_other_question_is_answered_too() {
        assertThat(BundleCheck.otherAnswers(ParseInput.text("10x15cm, about 300 EUR"), othersAtDimensions))
                .isEqualTo(1);
        assertThat(BundleCheck.isBundle(ParseInput.text("10x15cm 250€"), othersAtDimensions, 2))
                .isFalse();
        assertThat(BundleCheck.otherAnswers(ParseInput.text("10 x 15 cm"), othersAtDimensions))
                .isZero();
        assertThat(BundleCheck.otherAnswers(ParseInput.text("10×15"), othersAtDimensions))
                .isZero();
    }
}
