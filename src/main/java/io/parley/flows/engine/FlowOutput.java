package io.parley.flows.engine;

import io.parley.flows.definition.StepKind;
import java.util.List;

/** What the flow sends to the contact, in order. */
public sealed interface FlowOutput permits FlowOutput.Say, FlowOutput.PaymentPrompt {

    /**
     * A message: text, optionally with buttons or a list of rows (placeholders already filled).
     *
     * @param prompt whether it asks the current question (a later prompt of the same turn replaces it)
     */
    record Say(String text, String media, List<Choice> buttons, List<Choice> rows, boolean prompt)
            implements FlowOutput {
        public Say {
            buttons = List.copyOf(buttons);
            rows = List.copyOf(rows);
        }

        public static Say text(String text) {
            return new Say(text, null, List.of(), List.of(), false);
        }
    }

    /**
     * The message of a {@code payment} step: the payment is created when the turn commits, and {@code text} is then
     * rendered with {@code {{payment.link}}}.
     *
     * @param reference the payment's reference (the same for a re-run of the turn)
     */
    record PaymentPrompt(String stepId, StepKind.Payment payment, String text, String reference)
            implements FlowOutput {}

    /** A button or list row. */
    record Choice(String id, String title, String description) {}
}
