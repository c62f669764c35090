package io.parley.flows.internal.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.flows.golden.BundledGoldens;
import io.parley.flows.golden.GoldenSimulation;
import io.parley.platform.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the flow-tests API checks beyond the golden reader, so that a stored test can always be run: and that a run of
 * an accepted document with odd values ends as a result, never an exception (a 500).
 */
class GoldenDocumentTest {
    private static final String TURN = "flow: tattoo_booking\nturns: [{user: hi}]\n";

    @Test
    void should_refuse_with_the_field_when_a_value_would_break_the_run_or_the_row() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("flow: tattoo_booking\nclock: +1000000000-12-31T23:59:59Z\nturns: [{user: hi}]\n", "clock");
        cases.put("flow: tattoo_booking\nturns: [{user: hi, expect: {attempts: 1e999}}]\n", "turns[0].expect.attempts");
        cases.put("flow: tattoo_booking\nturns: [{user: hi}, {wait: 99999999999999999999h}]\n", "turns[1].wait");
        cases.put("flow: tattoo_booking\nturns: [{wait: 367d}]\n", "turns[0].wait");
        cases.put("flow: Tattoo Booking\nturns: [{user: hi}]\n", "flow");
        cases.put("flow: tattoo_booking\nturns: [{user: hi}]\nturns: []\n", "");
        cases.put("flow: tattoo_booking\nturns: [{user: \"\\0\"}]\n", "");
        cases.put("flow: tattoo_booking\nstubs: {calendar.hold: null}\nturns: [{user: hi}]\n", "stubs.calendar.hold");
        cases.forEach((yaml, field) -> assertThatThrownBy(() -> read(yaml))
                .as(yaml)
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.code()).isEqualTo("golden_invalid");
                    assertThat(e.context()).containsEntry("field", field);
                }));
    }

    @Test
    void should_refuse_a_document_over_256_kb_before_reading_it() {
        byte[] big = (TURN + "#" + "x".repeat(GoldenDocument.MAX_BYTES)).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> GoldenDocument.read(big)).isInstanceOf(GoldenDocument.TooLarge.class);
    }

    @Test
    void should_keep_the_source_as_sent_and_the_tree_as_json() {
        GoldenDocument document = read("# mine\n" + TURN);

        assertThat(document.source()).startsWith("# mine\n");
        assertThat(document.json()).isEqualTo("{\"flow\":\"tattoo_booking\",\"turns\":[{\"user\":\"hi\"}]}");
        assertThat(document.golden().turns()).hasSize(1);
    }

    @Test
    void should_end_a_run_of_odd_but_accepted_values_as_a_failed_result() {
        List<String> odd = List.of(
                "flow: tattoo_booking\nturns: [{user: hi, bot: [{match: \"(\"}, {template: x, params: 3}, 7, null]}]\n",
                "flow: tattoo_booking\nturns: [{user: hi, expect: {attempts: [1], answers: 5, events: {a: b},"
                        + " stripe: x, run: abc, answers_absent: 3, owner: null, nothing: 1}}]\n",
                "flow: tattoo_booking\nstubs: {llm: 3, calendar.find_slots: []}\nturns: [{user: {button: null}},"
                        + " {user: {image: [1, 2]}}, {user: [a, b]}, {stripe: {type: 7}}, {stripe: [1]},"
                        + " {stripe: redeliver_last}, {release: no}, {agent: {x: 1}}, {user: {text: {a: 1},"
                        + " wamid: [1]}}, {wait: 0s}, {user: null, bot: []}]\n");
        for (String yaml : odd) {
            GoldenSimulation.Result result = new GoldenSimulation(BundledGoldens.flow(), null, "https://parley.test")
                    .run(read(yaml).golden());
            assertThat(result.status()).as(yaml).isIn("failed", "passed");
        }
    }

    private static GoldenDocument read(String yaml) {
        return GoldenDocument.read(yaml.getBytes(StandardCharsets.UTF_8));
    }
}
