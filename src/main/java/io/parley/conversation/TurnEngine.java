package io.parley.conversation;

import io.parley.tenancy.Chatbot;

/**
 * Port: an engine other than the agent that answers a chatbot's turns (a flow, an external endpoint). The turn job
 * asks each engine whether it {@link #answers} the conversation's chatbot; the first that does answers instead of the
 * agent. {@link #prepare} runs outside any transaction (slow work — a model, an HTTP call — belongs there); the
 * returned {@link EngineTurn#commit()} runs inside the turn's transaction, together with the answered mark, the
 * replies and their outbox rows, so a turn's effects are written all or not at all.
 */
public interface TurnEngine {
    /** Whether this engine answers {@code chatbot}'s turns now. */
    boolean answers(Chatbot chatbot);

    /** Works out the turn for the pending messages; writes nothing. */
    EngineTurn prepare(EngineRequest request);
}
