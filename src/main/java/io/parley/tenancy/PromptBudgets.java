package io.parley.tenancy;

/** Checks a chatbot's prompt budget overrides; each failure names its field ({@code promptBudget.history}). */
final class PromptBudgets {
    static final int MIN_CONTEXT_WINDOW = 512;
    static final int MAX_TOKENS = 10_000_000;

    private PromptBudgets() {}

    static PromptBudgetSettings validated(PromptBudgetSettings budget) {
        if (budget == null || budget.overridesNothing()) {
            return PromptBudgetSettings.DEFAULTS;
        }
        Validation.optionalRange("promptBudget.contextWindow", budget.contextWindow(), MIN_CONTEXT_WINDOW, MAX_TOKENS);
        Validation.optionalRange("promptBudget.system", budget.system(), 0, MAX_TOKENS);
        Validation.optionalRange("promptBudget.tools", budget.tools(), 0, MAX_TOKENS);
        Validation.optionalRange("promptBudget.knowledge", budget.knowledge(), 0, MAX_TOKENS);
        Validation.optionalRange("promptBudget.history", budget.history(), 0, MAX_TOKENS);
        Validation.optionalRange("promptBudget.replyReserve", budget.replyReserve(), 1, MAX_TOKENS);
        if (budget.contextWindow() != null) {
            long sections = (long) orZero(budget.system())
                    + orZero(budget.tools())
                    + orZero(budget.knowledge())
                    + orZero(budget.history())
                    + orZero(budget.replyReserve());
            if (sections > budget.contextWindow()) {
                throw Validation.invalid(
                        "promptBudget",
                        "sections (" + sections + " tokens) must fit in contextWindow (" + budget.contextWindow()
                                + ")");
            }
        }
        return budget;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
