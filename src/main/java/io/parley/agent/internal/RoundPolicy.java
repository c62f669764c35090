package io.parley.agent.internal;

/**
 * How many times the model may ask for tools in one turn. The seed looped up to five times; each round costs a
 * model call, so the limit is per chatbot ({@code model.maxToolRounds}).
 */
record RoundPolicy(int maxToolRounds) {
    RoundPolicy {
        if (maxToolRounds < 1) {
            throw new IllegalArgumentException("maxToolRounds must be at least 1, was " + maxToolRounds);
        }
    }

    /** True while the model may still get its tool calls executed after {@code roundsDone} rounds. */
    boolean mayRunAnotherRound(int roundsDone) {
        return roundsDone < maxToolRounds;
    }
}
