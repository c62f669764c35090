package io.parley.tenancy;

import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * @param sessionTimeout quiet time after which the next message starts a new session; zero means never
 * @param promptBudget   overrides of the prompt's section budgets ({@link PromptBudgetSettings#DEFAULTS}: none)
 * @param active         false while an admin paused the chatbot: its messages are stored and not answered
 * @param resumedAt      when it was last switched back to active, or null if it was never paused; messages that
 *                       arrived before it are never answered (ADR 33)
 */
public record Chatbot(
        ChatbotId id,
        OrganizationId organizationId,
        String name,
        String systemPrompt,
        String persona,
        FallbackMessages fallbackMessages,
        ModelSettings model,
        List<FaqEntry> faq,
        Instant createdAt,
        Duration sessionTimeout,
        PromptBudgetSettings promptBudget,
        boolean active,
        Instant resumedAt) {
    public static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofMinutes(60);

    public Chatbot {
        faq = List.copyOf(faq);
        sessionTimeout = Objects.requireNonNullElse(sessionTimeout, DEFAULT_SESSION_TIMEOUT);
        promptBudget = Objects.requireNonNullElse(promptBudget, PromptBudgetSettings.DEFAULTS);
    }

    /** An active chatbot with the default session timeout and prompt budget. */
    public Chatbot(
            ChatbotId id,
            OrganizationId organizationId,
            String name,
            String systemPrompt,
            String persona,
            FallbackMessages fallbackMessages,
            ModelSettings model,
            List<FaqEntry> faq,
            Instant createdAt) {
        this(
                id,
                organizationId,
                name,
                systemPrompt,
                persona,
                fallbackMessages,
                model,
                faq,
                createdAt,
                null,
                null,
                true,
                null);
    }

    /** The same chatbot on other model settings (e.g. tool rounds capped by a plan); everything else is kept. */
    public Chatbot withModel(ModelSettings other) {
        return new Chatbot(
                id,
                organizationId,
                name,
                systemPrompt,
                persona,
                fallbackMessages,
                other,
                faq,
                createdAt,
                sessionTimeout,
                promptBudget,
                active,
                resumedAt);
    }
}
