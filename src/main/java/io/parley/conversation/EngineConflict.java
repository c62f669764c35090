package io.parley.conversation;

/**
 * Thrown by an {@link EngineTurn.Commit} when the engine's state is not the one the turn was worked out from (another
 * worker, a staff action or an event moved it): the turn's transaction rolls back and the turn runs again.
 */
public class EngineConflict extends RuntimeException {
    public EngineConflict(String message) {
        super(message, null, false, false);
    }
}
