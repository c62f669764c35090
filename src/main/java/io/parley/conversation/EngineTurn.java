package io.parley.conversation;

import io.parley.delivery.OutboundContent;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link TurnEngine} made of a turn.
 *
 * @param outcome        the turn's outcome as recorded ({@code answered}, {@code fallback}, ...)
 * @param fallbackReason why it fell back, or null
 * @param commit         runs inside the turn's transaction and returns what to send; it may throw
 *                       {@link EngineConflict} when the engine's own state moved meanwhile (the turn then rolls back
 *                       and runs again)
 */
public record EngineTurn(String outcome, String fallbackReason, Commit commit) {
    public EngineTurn {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(commit, "commit");
    }

    /** The part of a turn written in the turn's transaction. */
    @FunctionalInterface
    public interface Commit {
        Output write();
    }

    /**
     * The messages to send, in order (each validated by the engine), and whether the conversation goes to a person
     * (the bot falls silent in the same transaction).
     */
    public record Output(List<OutboundContent> messages, boolean handover) {
        public Output {
            messages = List.copyOf(messages);
        }

        public static Output of(List<OutboundContent> messages) {
            return new Output(messages, false);
        }
    }
}
