package io.parley.agent.internal;

import io.parley.llm.ContextWindows;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.ModelSettings;
import io.parley.tenancy.PromptBudgetSettings;

/**
 * A turn's token budget per prompt section (ADR 32). The model's context window less the reply reserve is shared
 * out by default as system 25%, tools 10%, knowledge 30% and history 35%; each is a cap, and a chatbot overrides
 * any of them ({@code promptBudget}). System and tools are never cut (their budgets only plan), knowledge and
 * history are cut to theirs.
 *
 * @param replyReserve tokens left free for the answer: the chatbot's override, else its {@code maxOutputTokens}
 *                     (at most half the window), else a quarter of the window up to 4,096
 */
record PromptBudget(int contextWindow, int system, int tools, int knowledge, int history, int replyReserve) {
    static final int DEFAULT_REPLY_RESERVE = 4_096;

    static PromptBudget forChatbot(Chatbot chatbot) {
        PromptBudgetSettings overrides = chatbot.promptBudget();
        ModelSettings model = chatbot.model();
        int window = overrides.contextWindow() != null
                ? overrides.contextWindow()
                : ContextWindows.of(model.provider(), model.name());
        int reply = overrides.replyReserve() != null
                ? overrides.replyReserve()
                : model.maxOutputTokens() != null
                        ? Math.min(model.maxOutputTokens(), window / 2)
                        : Math.min(DEFAULT_REPLY_RESERVE, window / 4);
        reply = Math.min(reply, window);
        int available = window - reply;
        return new PromptBudget(
                window,
                or(overrides.system(), share(available, 25)),
                or(overrides.tools(), share(available, 10)),
                or(overrides.knowledge(), share(available, 30)),
                or(overrides.history(), share(available, 35)),
                reply);
    }

    /** Tokens the prompt may use at all: the window less the reply reserve. */
    int promptLimit() {
        return contextWindow - replyReserve;
    }

    private static int share(int tokens, int percent) {
        return (int) ((long) tokens * percent / 100);
    }

    private static int or(Integer override, int fallback) {
        return override == null ? fallback : override;
    }
}
