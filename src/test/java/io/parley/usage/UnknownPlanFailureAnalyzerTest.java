package io.parley.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The start throws the check's exception as it is (DefaultPlanIntegrationTest analyzes the real one). */
class UnknownPlanFailureAnalyzerTest {
    @Test
    void should_list_the_plans_there_are_when_the_default_plan_is_not_one() {
        FailureAnalysis analysis = new UnknownPlanFailureAnalyzer()
                .analyze(new UnknownPlanException("golden", List.of("enterprise", "free", "pro", "starter")));

        assertThat(analysis.getDescription()).contains("PARLEY_USAGE_DEFAULTPLAN", "'golden'", "no plan");
        assertThat(analysis.getAction())
                .contains("enterprise, free, pro, starter", "\"enterprise\" is unlimited", "leave it unset");
    }

    @Test
    void should_not_promise_an_unlimited_plan_that_is_not_there() {
        FailureAnalysis analysis =
                new UnknownPlanFailureAnalyzer().analyze(new UnknownPlanException("gold", List.of("free", "pro")));

        assertThat(analysis.getAction()).contains("free, pro").doesNotContain("enterprise");
    }

    @Test
    void should_leave_other_failures_to_other_analyzers() {
        assertThat(new UnknownPlanFailureAnalyzer().analyze(new IllegalStateException("other")))
                .isNull();
    }
}
