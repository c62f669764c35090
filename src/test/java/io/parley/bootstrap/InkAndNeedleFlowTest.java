package io.parley.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.flows.definition.Flow;
import io.parley.flows.definition.FlowReading;
import io.parley.flows.definition.Step;
import io.parley.flows.definition.StepKind;
import io.parley.flows.golden.GoldenReader;
import io.parley.flows.golden.GoldenSimulation;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The demo's flow ({@code flows/demo/ink_and_needle.yaml}) passes the validator a save runs, needs nothing from
 * outside (no calendar tool, no Stripe, no model), and runs from the greeting to its end in memory.
 */
class InkAndNeedleFlowTest {
    private static final String HAPPY_PATH = """
            golden: ink_and_needle_happy_path
            flow: tattoo_booking
            clock: 2026-03-02T10:00:00Z
            contact: {wa_id: "34600000101", name: Ana Ruiz}
            turns:
              - user: Hi, I'd like a tattoo
                bot: ["Hi Ana! A few quick questions, one at a time.", "Size? Width x height in cm, e.g. 10x15cm."]
                expect: {step: dimensions, lead: qualifying, events: [flow.started]}
              - user: 10x15cm
                bot: [{text: "Which style?", buttons: [Realism, Fine line, Traditional]}]
              - user: Fine line
                bot: ["Send 1-3 reference images or a text reference (e.g. realism @artist)."]
              - user: fine line @inkbyjo
                bot: ["Budget? (e.g. 300 EUR)"]
              - user: around 300 euros
                bot: ["Describe the idea and body placement."]
              - user: A single rose on my forearm
                bot: [{match: "^Thanks! 10x15 cm, Fine line, .+, 300 EUR\\\\.$"},
                      {text: "When would you like to come in? These are example times: the studio confirms the exact slot.",
                       list: [Weekday morning, Weekday afternoon, Weekday evening, Saturday]}]
                expect: {step: slot, lead: qualified}
              - user: saturday please
                bot: ["Thanks! The studio will confirm your slot."]
                expect: {step: END, lead: qualified, answers: {slot: saturday}, events: [flow.completed]}
            """;

    private static final String GUEST = """
            golden: ink_and_needle_guest
            flow: tattoo_booking
            clock: 2026-03-02T10:00:00Z
            contact: {wa_id: "34600000102", name: ""}
            turns:
              - user: hello
                bot: ["Hi! A few quick questions, one at a time.", "Size? Width x height in cm, e.g. 10x15cm."]
                expect: {step: dimensions, lead: qualifying}
            """;

    @Test
    void should_pass_the_validator_a_save_runs_when_read() {
        FlowReading.Result result =
                FlowReading.read(YAMLMapper.builder().build().readTree(DemoFlowBot.definition()), DemoFlowBot.FLOW_KEY);

        assertThat(result).as(result.toString()).isInstanceOf(FlowReading.Valid.class);
    }

    @Test
    void should_need_no_calendar_payment_model_or_template_when_run() {
        Flow flow = flow();

        assertThat(flow.settings().reminder()).as("no reminder template").isNull();
        assertThat(flow.steps())
                .extracting(Step::kind)
                .noneMatch(kind -> kind instanceof StepKind.Action
                        || kind instanceof StepKind.Payment
                        || kind instanceof StepKind.Llm);
        assertThat(flow.steps()).extracting(Step::id).endsWith("slot", "done");
    }

    @Test
    void should_greet_by_name_ask_one_thing_at_a_time_and_end_qualified_with_the_studio_to_confirm() {
        GoldenSimulation.Result result =
                new GoldenSimulation(flow(), null, "https://parley.test").run(GoldenReader.read(HAPPY_PATH));

        assertThat(result.turns())
                .allSatisfy(turn ->
                        assertThat(turn.diff()).as("turn " + turn.index()).isNull());
        assertThat(result.status()).isEqualTo("passed");
    }

    @Test
    void should_greet_a_visitor_without_a_name_without_an_empty_name() {
        GoldenSimulation.Result result =
                new GoldenSimulation(flow(), null, "https://parley.test").run(GoldenReader.read(GUEST));

        assertThat(result.turns())
                .allSatisfy(turn ->
                        assertThat(turn.diff()).as("turn " + turn.index()).isNull());
        assertThat(result.status()).isEqualTo("passed");
    }

    private static Flow flow() {
        return switch (FlowReading.read(
                YAMLMapper.builder().build().readTree(DemoFlowBot.definition()), DemoFlowBot.FLOW_KEY)) {
            case FlowReading.Valid valid -> valid.flow();
            case FlowReading.Invalid invalid ->
                throw new AssertionError(invalid.problems().toString());
        };
    }
}
