package io.parley.flows.definition;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The ten kinds of step of spec §3, each with its options. */
public sealed interface StepKind
        permits StepKind.Say,
                StepKind.Ask,
                StepKind.Llm,
                StepKind.Branch,
                StepKind.SetValues,
                StepKind.Action,
                StepKind.Payment,
                StepKind.Wait,
                StepKind.Handover,
                StepKind.End {

    /** Sends a message and goes on. */
    record Say(Message message) implements StepKind {}

    /**
     * Sends {@code prompt}, waits for the reply, parses it and stores the value under {@code store}.
     *
     * @param accepts what the reply may be: {@code text}, {@code image}, ...
     * @param repair  the repair prompt (null: the prompt again)
     */
    record Ask(Message prompt, ParseSpec parse, String store, List<String> accepts, String repair) implements StepKind {
        public Ask {
            accepts = List.copyOf(accepts);
        }
    }

    /**
     * Calls the chatbot's model: {@code extract} (field → type) into {@code store}, or {@code reply} (one agent
     * turn, with {@code instructions} if given).
     */
    record Llm(Map<String, String> extract, boolean reply, String instructions, String from, String store)
            implements StepKind {
        public Llm {
            extract = extract == null ? null : Map.copyOf(extract);
        }
    }

    /** Only decides where to go ({@code next}). */
    record Branch() implements StepKind {}

    /** Sets {@code answers.<x>}, {@code vars.<x>} or {@code status}. */
    record SetValues(Map<String, JsonNode> values) implements StepKind {
        public SetValues {
            values = Map.copyOf(values);
        }
    }

    /** Runs a built-in or a tool; the result lands in {@code vars.<step id>}. */
    record Action(String name, JsonNode arguments) implements StepKind {}

    /** A Checkout link; the step waits for {@code paid}, {@code expired} or {@code failed}. */
    record Payment(long amountMinor, String currency, String label, Duration expiresIn) implements StepKind {}

    /** Waits for {@code event} or until {@code timeout}, then goes to {@code onTimeout}. */
    record Wait(String event, Duration timeout, String onTimeout) implements StepKind {}

    /** Hands the conversation to a person. */
    record Handover(String note) implements StepKind {}

    /** Ends the flow with a final lead status and optionally a staff notification. */
    record End(String status, String notification) implements StepKind {}
}
