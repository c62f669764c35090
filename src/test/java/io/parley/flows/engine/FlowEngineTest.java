package io.parley.flows.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.flows.definition.Flow;
import io.parley.flows.definition.Next;
import io.parley.flows.definition.Step;
import io.parley.flows.golden.BundledGoldens;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The engine alone on the bundled tattoo flow: what staff actions ({@code staff.move}, {@code staff.restart}) do. */
class FlowEngineTest {
    private static final Flow FLOW = BundledGoldens.flow();
    private static final String BY = "user:5f0c5f0c-0000-4000-8000-000000000001";

    private final FlowEngine engine = new FlowEngine(FLOW);
    private final FlowEngine.Context context = new FlowEngine.Context(
            Map.of("first_name", "Ana", "name", "Ana Ruiz"),
            Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC),
            new NoPorts(),
            "flow:test",
            "A person will write to you.");

    @Test
    void should_ask_the_chosen_step_and_keep_the_answers_when_staff_move_the_conversation() {
        FlowState atStyle = replies("Hi", "10x15cm");
        assertThat(atStyle.stepId()).isEqualTo("style");

        FlowEngine.Result moved = engine.run(atStyle, List.of(move("budget")), context);

        assertThat(moved.state().stepId()).isEqualTo("budget");
        assertThat(moved.state().status()).isEqualTo(FlowState.Status.ACTIVE);
        assertThat(moved.state().run()).isEqualTo(1);
        assertThat(moved.state().answers()).containsOnlyKeys("dimensions");
        assertThat(texts(moved)).containsExactly("Budget? (e.g. 300 EUR)");
        assertThat(moved.effects())
                .contains(new FlowEffect.Event(
                        "flow.moved_by_staff", "INFO", Map.of("from", "style", "to", "budget", "by", BY)));
    }

    @Test
    void should_take_the_next_answer_at_the_step_staff_moved_to() {
        FlowState atBudget = engine.run(replies("Hi", "10x15cm"), List.of(move("budget")), context)
                .state();

        FlowEngine.Result answered = engine.run(atBudget, List.of(FlowInput.Reply.text("300 EUR")), context);

        assertThat(answered.state().stepId()).isEqualTo("idea");
        assertThat(answered.state().answers()).containsKeys("dimensions", "budget");
    }

    @Test
    void should_clear_attempts_and_a_handover_when_staff_move_the_conversation() {
        FlowState repaired = replies("Hi", "big");
        assertThat(repaired.attempts()).isEqualTo(1);
        FlowState handedOver = engine.run(repaired, List.of(FlowInput.Reply.text("human")), context)
                .state();
        assertThat(handedOver.status()).isEqualTo(FlowState.Status.HANDOVER);

        FlowEngine.Result moved = engine.run(handedOver, List.of(move("dimensions")), context);

        assertThat(moved.state().status()).isEqualTo(FlowState.Status.ACTIVE);
        assertThat(moved.state().attempts()).isZero();
        assertThat(texts(moved)).containsExactly("Size? Width x height in cm, e.g. 10x15cm.");
    }

    @Test
    void should_reopen_a_finished_flow_when_staff_move_it_to_a_step() {
        FlowState done = new FlowState(
                1,
                Next.END,
                FlowState.Status.DONE,
                0,
                Map.of("style", "realism"),
                Map.of(),
                Map.of(),
                "lost",
                false,
                null,
                null,
                0);

        FlowEngine.Result moved = engine.run(done, List.of(move("idea")), context);

        assertThat(moved.state().stepId()).isEqualTo("idea");
        assertThat(moved.state().done()).isFalse();
        assertThat(texts(moved)).containsExactly("Describe the idea and body placement.");
    }

    @Test
    void should_ignore_a_move_to_a_step_the_flow_does_not_have() {
        FlowState atStyle = replies("Hi", "10x15cm");

        FlowEngine.Result ignored = engine.run(atStyle, List.of(move("payment_plan")), context);

        assertThat(ignored.state()).isEqualTo(atStyle);
        assertThat(ignored.outputs()).isEmpty();
        assertThat(ignored.effects())
                .containsExactly(new FlowEffect.Event(
                        "flow.event_ignored", "WARN", Map.of("event", "staff.move", "step", "payment_plan")));
    }

    @Test
    void should_only_move_to_steps_whose_id_was_written_in_the_flow() {
        List<String> inPlace = inPlaceIds(FLOW.steps());
        assertThat(inPlace).isNotEmpty();

        assertThat(engine.canMoveTo("budget")).isTrue();
        assertThat(engine.canMoveTo("deposit_expired")).isTrue();
        assertThat(engine.canMoveTo("budget ")).isFalse();
        assertThat(engine.canMoveTo(Next.END)).isFalse();
        assertThat(engine.canMoveTo(null)).isFalse();
        assertThat(inPlace)
                .allSatisfy(id -> assertThat(engine.canMoveTo(id)).as(id).isFalse());
    }

    @Test
    void should_start_a_new_run_from_the_first_step_when_staff_restart() {
        FlowState atStyle = replies("Hi", "10x15cm");

        FlowEngine.Result restarted = engine.run(atStyle, List.of(restart()), context);

        assertThat(restarted.state().run()).isEqualTo(2);
        assertThat(restarted.state().answers()).isEmpty();
        assertThat(restarted.state().stepId()).isEqualTo("dimensions");
        assertThat(texts(restarted))
                .containsExactly(
                        "Hi Ana! A few quick questions, one at a time.", "Size? Width x height in cm, e.g. 10x15cm.");
        assertThat(restarted.effects())
                .filteredOn(FlowEffect.Event.class::isInstance)
                .extracting(effect -> ((FlowEffect.Event) effect).type())
                .containsSubsequence("flow.restarted_by_staff", "flow.started");
        assertThat(restarted.effects())
                .contains(new FlowEffect.Event("flow.restarted_by_staff", "INFO", Map.of("run", 2, "by", BY)));
    }

    @Test
    void should_restart_a_finished_flow_when_staff_restart() {
        FlowState done = new FlowState(
                3, Next.END, FlowState.Status.DONE, 0, Map.of(), Map.of(), Map.of(), "lost", false, null, null, 0);

        FlowEngine.Result restarted = engine.run(done, List.of(restart()), context);

        assertThat(restarted.state().run()).isEqualTo(4);
        assertThat(restarted.state().status()).isEqualTo(FlowState.Status.ACTIVE);
        assertThat(restarted.state().stepId()).isEqualTo("dimensions");
    }

    private FlowState replies(String... texts) {
        FlowState state = FlowState.fresh();
        for (String text : texts) {
            state = engine.run(state, List.of(FlowInput.Reply.text(text)), context)
                    .state();
        }
        return state;
    }

    private static FlowInput.Event move(String step) {
        return new FlowInput.Event(FlowEngine.STAFF_MOVE, Map.of("step", step, "by", BY));
    }

    private static FlowInput.Event restart() {
        return new FlowInput.Event(FlowEngine.STAFF_RESTART, Map.of("by", BY));
    }

    private static List<String> texts(FlowEngine.Result result) {
        return result.outputs().stream()
                .map(output -> ((FlowOutput.Say) output).text())
                .toList();
    }

    /** The ids the reader made up for steps written inside {@code then}/{@code else}. */
    private static List<String> inPlaceIds(List<Step> steps) {
        List<String> ids = new ArrayList<>();
        for (Step step : steps) {
            if (!step.addressable()) {
                ids.add(step.id());
            }
            if (step.next() instanceof Next.Conditional conditional) {
                List<Next.Target> targets = new ArrayList<>();
                conditional.branches().forEach(branch -> targets.add(branch.then()));
                targets.add(conditional.otherwise());
                for (Next.Target target : targets) {
                    if (target instanceof Next.Inline inline) {
                        ids.addAll(inPlaceIds(inline.steps()));
                    }
                }
            }
        }
        return ids;
    }

    /** No model and no actions: the staff actions need neither. */
    private static final class NoPorts implements FlowPorts {
        @Override
        public Optional<Map<String, Object>> extract(String stepId, Map<String, String> schema, String text) {
            return Optional.empty();
        }

        @Override
        public Optional<String> reply(String stepId, String instructions, String text) {
            return Optional.empty();
        }

        @Override
        public ActionResult action(String stepId, String name, Map<String, Object> arguments) {
            return ActionResult.failed("no actions in this test");
        }
    }
}
