package io.parley.tenancy;

import java.util.List;

/**
 * A chatbot as the admin API describes it, before validation: everything a create sets, or a patch merged over the
 * stored chatbot. API keys are plain text only until stored; for an update, a null key keeps the stored one and an
 * empty one removes it.
 *
 * @param sessionTimeout ISO-8601 duration ({@code PT60M}; {@code PT0S} = never); null means the default
 * @param promptBudget   overrides of the prompt's section budgets; null means none
 * @param active         false to pause the chatbot (its messages are stored, not answered); null means true on create
 */
public record ChatbotDraft(
        String name,
        String systemPrompt,
        String persona,
        FallbackMessages fallbackMessages,
        Model model,
        List<FaqEntry> faq,
        String sessionTimeout,
        PromptBudgetSettings promptBudget,
        Boolean active) {

    /** A draft with the defaults for session timeout, prompt budget and {@code active} (a new chatbot answers). */
    public ChatbotDraft(
            String name,
            String systemPrompt,
            String persona,
            FallbackMessages fallbackMessages,
            Model model,
            List<FaqEntry> faq) {
        this(name, systemPrompt, persona, fallbackMessages, model, faq, null, null, null);
    }

    public record Model(
            String provider,
            String name,
            String baseUrl,
            String apiKey,
            Double temperature,
            Integer timeoutSeconds,
            Integer maxOutputTokens,
            Integer maxToolRounds,
            Fallback fallback) {}

    /** @param apiKey as for the primary model: null keeps, empty removes */
    public record Fallback(String provider, String name, String baseUrl, String apiKey) {}
}
