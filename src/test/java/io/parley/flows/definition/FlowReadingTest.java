package io.parley.flows.definition;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.flows.FlowProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Each save rule on its own: a definition breaking only that rule is refused with the step and field named. */
class FlowReadingTest {
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private static FlowReading.Result read(String yaml) {
        return FlowReading.read(YAML.readTree(yaml), "test_flow");
    }

    private static List<FlowProblem> problems(String yaml) {
        FlowReading.Result result = read(yaml);
        assertThat(result).as("should be refused").isInstanceOf(FlowReading.Invalid.class);
        return ((FlowReading.Invalid) result).problems();
    }

    private static void refused(String yaml, String step, String field, String messagePart) {
        assertThat(problems(yaml)).as("problems").anySatisfy(p -> {
            assertThat(p.step()).isEqualTo(step);
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.message()).contains(messagePart);
        });
    }

    static String bundled() throws IOException {
        try (InputStream in = FlowReadingTest.class.getResourceAsStream("/flows/tattoo_booking.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void should_accept_the_bundled_tattoo_flow_when_read() throws IOException {
        FlowReading.Result result = FlowReading.read(YAML.readTree(bundled()), "tattoo_booking");

        assertThat(result).isInstanceOf(FlowReading.Valid.class);
        Flow flow = ((FlowReading.Valid) result).flow();
        assertThat(flow.steps())
                .extracting(Step::id)
                .startsWith("welcome", "dimensions", "style")
                .endsWith("booked");
        assertThat(flow.settings().reminder().template()).isEqualTo("booking_reminder");
        assertThat(flow.settings().handover().cooldown()).hasMinutes(60);
        StepKind.Ask style = (StepKind.Ask) flow.steps().get(2).kind();
        assertThat(style.prompt().buttons())
                .extracting(Message.Choice::id)
                .containsExactly("realism", "fine_line", "traditional");
        assertThat(style.parse().name()).isEqualTo("choice");
        StepKind.Payment deposit = (StepKind.Payment) flow.steps().get(11).kind();
        assertThat(deposit.amountMinor()).isEqualTo(5000);
        assertThat(flow.steps().get(11).on()).containsEntry("paid", "booked");
        Next.Conditional findSlots = (Next.Conditional) flow.steps().get(8).next();
        assertThat(((Next.Inline) findSlots.branches().get(0).then())
                        .steps()
                        .get(0)
                        .kind())
                .isInstanceOf(StepKind.Handover.class);
    }

    @Test
    void should_name_the_second_step_when_two_steps_share_an_id() {
        refused("""
                steps:
                  - {id: a, say: hi}
                  - {id: a, say: again}
                """, "a", "id", "more than one step");
    }

    @Test
    void should_name_next_when_it_points_at_no_step() {
        refused("""
                steps:
                  - {id: a, say: hi, next: nowhere}
                """, "a", "next", "names no step: 'nowhere'");
    }

    @Test
    void should_name_the_event_when_on_points_at_no_step() {
        refused("""
                steps:
                  - {id: pay, payment: {amount_minor: 100, currency: eur, label: L}, on: {paid: gone}}
                """, "pay", "on.paid", "names no step");
    }

    @Test
    void should_name_a_branch_target_when_it_points_at_no_step() {
        refused("""
                steps:
                  - {id: a, ask: "?", parse: yes_no, next: [{if: answers.a, then: b}, {else: missing}]}
                  - {id: b, say: ok}
                """, "a", "next[1].else", "names no step: 'missing'");
    }

    @Test
    void should_refuse_a_flow_whose_end_cannot_be_reached() {
        refused("""
                steps:
                  - {id: a, ask: "?", next: b}
                  - {id: b, say: again, next: a}
                """, null, "steps", "END cannot be reached");
    }

    @Test
    void should_name_the_step_that_only_leads_into_a_loop() {
        refused("""
                steps:
                  - {id: a, ask: "?", parse: yes_no, next: [{if: answers.a, then: b}, {else: END}]}
                  - {id: b, say: loop, next: c}
                  - {id: c, say: loop, next: b}
                """, "b", "next", "only leads into a loop");
    }

    @Test
    void should_name_a_step_that_is_never_reached() {
        refused("""
                steps:
                  - {id: a, say: hi, next: END}
                  - {id: orphan, say: never}
                """, "orphan", "id", "never reached");
    }

    @Test
    void should_refuse_a_step_with_two_kinds() {
        refused("""
                steps:
                  - {id: a, ask: "?", action: {http: {}}}
                """, "a", "", "several kinds");
    }

    @Test
    void should_refuse_a_step_without_a_kind() {
        refused("""
                steps:
                  - {id: a, next: END}
                """, "a", "", "has no kind");
    }

    @Test
    void should_refuse_say_beside_an_ask() {
        refused("""
                steps:
                  - {id: a, ask: "?", say: "hello"}
                """, "a", "", "several kinds");
    }

    @Test
    void should_refuse_a_fourth_button() {
        refused("""
                steps:
                  - {id: a, ask: {text: "?", buttons: [One, Two, Three, Four]}, parse: {choice: [one, two, three, four]}}
                """, "a", "ask.buttons", "at most 3");
    }

    @Test
    void should_name_the_button_longer_than_twenty_characters() {
        refused("""
                steps:
                  - {id: a, ask: {text: "?", buttons: [Short, A title much too long for it]}, parse: text}
                """, "a", "ask.buttons[1]", "longer than 20");
    }

    @Test
    void should_refuse_an_eleventh_list_row() {
        String rows = IntStream.rangeClosed(1, 11).mapToObj(i -> "R" + i).collect(Collectors.joining(", "));
        refused("""
                steps:
                  - {id: a, say: {text: "Pick", list: [%s]}}
                """.formatted(rows), "a", "say.list", "at most 10");
    }

    @Test
    void should_refuse_an_unknown_parser_and_suggest_the_close_one() {
        refused("""
                steps:
                  - {id: a, ask: "Size?", parse: dimension}
                """, "a", "parse", "unknown parser 'dimension' (did you mean 'dimensions'?)");
    }

    @Test
    void should_refuse_a_condition_with_unbalanced_parentheses() {
        refused("""
                steps:
                  - {id: a, ask: "?", next: [{if: "(answers.a == 1", then: END}, {else: END}]}
                """, "a", "next[0].if", "expected ')'");
    }

    @Test
    void should_refuse_a_condition_with_an_unknown_operator() {
        refused("""
                steps:
                  - {id: a, ask: "?", next: [{if: "answers.a = 1", then: END}, {else: END}]}
                """, "a", "next[0].if", "not an operator");
    }

    @Test
    void should_refuse_a_condition_over_an_unknown_root() {
        refused("""
                steps:
                  - {id: a, ask: "?", next: [{if: "system.exit == 1", then: END}, {else: END}]}
                """, "a", "next[0].if", "unknown name 'system'");
    }

    @Test
    void should_refuse_an_unknown_key_of_a_step_and_suggest_the_known_one() {
        refused("""
                steps:
                  - {id: a, ask: "?", parse: text, stor: name}
                """, "a", "stor", "unknown key 'stor' (did you mean 'store'?)");
    }

    @Test
    void should_refuse_an_unknown_key_of_the_flow_and_of_its_settings() {
        List<FlowProblem> problems = problems("""
                stpes: []
                settings: {repair: {attempts: 1, exhaustd: handover}}
                steps:
                  - {id: a, say: hi}
                """);

        assertThat(problems).extracting(FlowProblem::field).contains("stpes", "settings.repair.exhaustd");
    }

    @Test
    void should_refuse_more_than_two_hundred_steps() {
        String steps = IntStream.rangeClosed(1, 201)
                .mapToObj(i -> "  - {id: s" + i + ", say: hi}")
                .collect(Collectors.joining("\n"));
        refused("steps:\n" + steps + "\n", null, "steps", "at most 200");
    }

    @Test
    void should_refuse_a_placeholder_outside_the_known_roots() {
        refused("""
                steps:
                  - {id: a, say: "Hi {{user.name}}"}
                """, "a", "say", "placeholder {{user.name}}");
    }

    @Test
    void should_refuse_a_payment_without_a_currency_code() {
        refused("""
                steps:
                  - {id: pay, payment: {amount_minor: 5000, currency: euro, label: Deposit}}
                """, "pay", "payment.currency", "three-letter");
    }

    @Test
    void should_refuse_an_unknown_lead_status() {
        refused("""
                steps:
                  - {id: a, say: hi, set_status: qualifyed}
                """, "a", "set_status", "must be one of");
    }

    @Test
    void should_refuse_a_document_key_other_than_the_saved_one() {
        refused("""
                key: other_flow
                steps:
                  - {id: a, say: hi}
                """, null, "key", "saved as 'test_flow'");
    }

    @Test
    void should_name_the_parent_step_and_path_of_a_step_written_in_place() {
        refused("""
                steps:
                  - {id: a, ask: "?", parse: yes_no, next: [{if: answers.a, then: [{handover: {nte: x}}]}, {else: END}]}
                """, "a", "next[0].then[0].handover.nte", "unknown key 'nte'");
    }

    @Test
    void should_refuse_a_bad_duration_in_the_settings() {
        refused("""
                settings: {handover: {cooldown: an hour}}
                steps:
                  - {id: a, say: hi}
                """, null, "settings.handover.cooldown", "duration");
    }

    @Test
    void should_refuse_an_unknown_action() {
        refused("""
                steps:
                  - {id: a, action: {calendar.find_slot: {days: 3}}}
                """, "a", "action.calendar.find_slot", "did you mean 'calendar.find_slots'");
    }
}
