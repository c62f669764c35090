package io.parley.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Regular expressions on outside text with a budget of character reads: an answer, or "undecided", never a hang. */
class BoundedRegexTest {
    private static final long BUDGET = 200_000;

    @Test
    void should_match_the_whole_text_or_a_part_of_it() {
        Pattern order = Pattern.compile("A-(?<value>\\d{4})");

        assertThat(BoundedRegex.match(order, "A-1042", true, BUDGET))
                .map(m -> m.group("value"))
                .hasValue("1042");
        assertThat(BoundedRegex.match(order, "order A-1042 please", true, BUDGET))
                .isEmpty();
        assertThat(BoundedRegex.match(order, "order A-1042 please", false, BUDGET))
                .map(MatchResult::group)
                .hasValue("A-1042");
        assertThat(BoundedRegex.find(order, "no order here", BUDGET)).hasValue(false);
    }

    @Test
    void should_give_up_on_catastrophic_backtracking_instead_of_hanging() {
        Pattern catastrophic = Pattern.compile("(.*a){12}x");
        String text = "a".repeat(200);

        assertThatThrownBy(() -> BoundedRegex.match(catastrophic, text, false, BUDGET))
                .isInstanceOf(BoundedRegex.Undecided.class);
        assertThat(BoundedRegex.find(catastrophic, text, BUDGET)).isEmpty();
    }
}
