package io.parley.flows.definition;

import java.util.Map;

/**
 * One step: a stable id, exactly one {@link StepKind}, and the options every step may have.
 *
 * @param id        the step's id; a step written inside a {@code then}/{@code else} may omit it and gets
 *                  {@code <parent>~<n>} (not addressable by {@code next})
 * @param next      where to go after it; null continues with the following step
 * @param setStatus the lead status set when the step runs
 * @param on        event name → step id (or {@code END}), e.g. a payment's {@code paid}
 * @param say       the text sent by a {@code payment}, {@code handover} or {@code end} step (null for other kinds)
 */
public record Step(String id, StepKind kind, Next next, String setStatus, Map<String, String> on, Message say) {
    public Step {
        on = Map.copyOf(on);
    }

    /** Whether the id was given in the document (else it was made up for a step written in place). */
    public boolean addressable() {
        return !id.contains("~");
    }
}
