package io.parley.tenancy;

/**
 * A chatbot's overrides of its prompt budget, in tokens; null means the default for its model (the agent derives
 * them from the model's context window, ADR 32). {@code system} and {@code tools} are planned, never cut; knowledge
 * and history are cut to fit theirs.
 *
 * @param contextWindow tokens the model accepts in one call (prompt and reply together)
 * @param replyReserve  tokens kept free for the reply
 */
public record PromptBudgetSettings(
        Integer contextWindow,
        Integer system,
        Integer tools,
        Integer knowledge,
        Integer history,
        Integer replyReserve) {
    public static final PromptBudgetSettings DEFAULTS = new PromptBudgetSettings(null, null, null, null, null, null);

    public boolean overridesNothing() {
        return equals(DEFAULTS);
    }
}
