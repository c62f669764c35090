package io.parley.flows.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.parley.flows.definition.Flow;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The eleven goldens of seed 001 against the bundled tattoo flow, in memory (the tenant API's runner); and that each
 * rule they guard makes a golden fail when the flow breaks it.
 */
class GoldenSimulationTest {
    private static final String PUBLIC_URL = "https://parley.test";

    @TestFactory
    Stream<DynamicTest> every_bundled_golden_passes_against_the_bundled_flow() {
        Flow flow = BundledGoldens.flow();
        return BundledGoldens.goldens().stream()
                .map(path -> dynamicTest(path.getFileName().toString(), () -> {
                    GoldenSimulation.Result result = new GoldenSimulation(flow, null, PUBLIC_URL)
                            .run(GoldenReader.read(BundledGoldens.read(path)));
                    assertThat(result.turns())
                            .as(path.getFileName().toString())
                            .allSatisfy(turn -> assertThat(turn.diff())
                                    .as("turn " + turn.index())
                                    .isNull());
                    assertThat(result.status()).isEqualTo("passed");
                }));
    }

    @Test
    void a_flow_that_repairs_twice_fails_the_repair_once_golden() {
        Flow broken = BundledGoldens.flow(BundledGoldens.read(BundledGoldens.FLOW)
                .replace(
                        "repair: {attempts: 1, exhausted: accept_raw}",
                        "repair: {attempts: 2, exhausted: accept_raw}"));
        assertThat(run(broken, "02_repair_once_flow.yaml").status()).isEqualTo("failed");
    }

    @Test
    void a_flow_without_the_bundle_rule_fails_the_bundle_golden() {
        Flow broken = BundledGoldens.flow(
                BundledGoldens.read(BundledGoldens.FLOW).replace("min_other_answers: 2", "min_other_answers: 3"));
        assertThat(run(broken, "05_multi_answer_bundle_reprompts_and_no_advance.yaml")
                        .status())
                .isEqualTo("failed");
    }

    @Test
    void a_flow_without_handover_words_fails_the_handover_golden() {
        Flow broken = BundledGoldens.flow(BundledGoldens.read(BundledGoldens.FLOW)
                .replace("handover_words: [human, artist]", "handover_words: []"));
        assertThat(run(broken, "03_handover_cooldown_and_continue.yaml").status())
                .isEqualTo("failed");
    }

    @Test
    void a_flow_without_a_reminder_fails_the_window_golden() {
        Flow broken = BundledGoldens.flow(BundledGoldens.read(BundledGoldens.FLOW)
                .replace("  reminder: {after: 26h, template: booking_reminder, max: 1}\n", ""));
        assertThat(run(broken, "06_outside_24h_template_then_resume.yaml").status())
                .isEqualTo("failed");
    }

    @Test
    void an_unused_stub_fails_the_run() {
        String golden = BundledGoldens.read(BundledGoldens.GOLDENS.resolve("02_repair_once_flow.yaml"))
                .replace("turns:", "stubs: {llm: {idea_extract: {placement: arm}}}\nturns:");
        GoldenSimulation.Result result =
                new GoldenSimulation(BundledGoldens.flow(), null, PUBLIC_URL).run(GoldenReader.read(golden));
        assertThat(result.status()).isEqualTo("failed");
        assertThat(result.turns().getLast().diff()).contains("stub llm.idea_extract was never used");
    }

    private static GoldenSimulation.Result run(Flow flow, String file) {
        Path path = BundledGoldens.GOLDENS.resolve(file);
        return new GoldenSimulation(flow, null, PUBLIC_URL).run(GoldenReader.read(BundledGoldens.read(path)));
    }
}
