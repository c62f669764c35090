package io.parley.flows.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The {@code {match: regex}} of a bot message: tenants write it, so it is decided within a budget. */
class GoldenCheckTest {

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void should_report_a_costly_match_pattern_instead_of_hanging_when_it_backtracks_catastrophically() {
        // Unbounded, java.util.regex reads the text for minutes (a nested quantifier it cannot memoize).
        Golden.Turn turn = new Golden.Turn("user", "hi", List.of(Map.of("match", "(.*a){12}$")), Map.of());

        List<String> diffs = GoldenCheck.diff(turn, observed("a".repeat(40) + "b"));

        assertThat(diffs).singleElement().asString().startsWith("bot[0]: ").contains("too costly");
    }

    @Test
    void should_pass_a_match_that_finds_the_text_and_name_one_that_does_not() {
        Golden.Turn turn = new Golden.Turn("user", "hi", List.of(Map.of("match", "^Hi [A-Z][a-z]+!$")), Map.of());

        assertThat(GoldenCheck.diff(turn, observed("Hi Ana!"))).isEmpty();
        assertThat(GoldenCheck.diff(turn, observed("Hello Ana!")))
                .singleElement()
                .asString()
                .startsWith("bot[0]: expected a text matching");
    }

    private static GoldenCheck.Observed observed(String message) {
        return new GoldenCheck.Observed(List.of(message), "welcome", 0, null, "bot", 1, Map.of(), List.of(), Map.of());
    }
}
