package io.parley.console.bots;

import io.parley.platform.InvalidRequestException;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.ChatbotDraft;
import io.parley.tenancy.FallbackMessages;
import io.parley.tenancy.FaqEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.util.MultiValueMap;

/**
 * The bot settings form as typed: read from the stored chatbot to show it, or from a submitted form to save it (and
 * to show it again, input kept, when the facade refuses it). The API key is never part of it: the page never
 * renders a key, and an empty key field keeps the stored one.
 *
 * @param sessionTimeoutMinutes quiet minutes before a new session starts; 0 means never
 * @param apiKeySet             whether a key is stored (the page says so without showing it)
 */
record BotForm(
        String name,
        String systemPrompt,
        String persona,
        String provider,
        String modelName,
        String baseUrl,
        String sessionTimeoutMinutes,
        Map<String, String> fallback,
        List<FaqEntry> faq,
        boolean apiKeySet) {
    static final List<String> FALLBACKS = List.of("error", "limit", "unknown", "maxRounds", "handover");

    static BotForm of(Chatbot bot) {
        FallbackMessages f = bot.fallbackMessages();
        return new BotForm(
                bot.name(),
                bot.systemPrompt(),
                bot.persona(),
                bot.model().provider(),
                bot.model().name(),
                bot.model().baseUrl(),
                Long.toString(bot.sessionTimeout().toMinutes()),
                Map.of(
                        "error", f.error(),
                        "limit", f.limit(),
                        "unknown", f.unknown(),
                        "maxRounds", f.maxRounds(),
                        "handover", f.handover()),
                bot.faq(),
                bot.model().apiKey() != null);
    }

    static BotForm from(MultiValueMap<String, String> form, boolean apiKeySet) {
        List<String> questions = form.getOrDefault("faqQuestion", List.of());
        List<String> answers = form.getOrDefault("faqAnswer", List.of());
        List<FaqEntry> faq = new ArrayList<>();
        for (int i = 0; i < Math.max(questions.size(), answers.size()); i++) {
            String question = i < questions.size() ? questions.get(i) : "";
            String answer = i < answers.size() ? answers.get(i) : "";
            if (!question.isBlank() || !answer.isBlank()) {
                faq.add(new FaqEntry(question, answer));
            }
        }
        Map<String, String> fallback = new java.util.LinkedHashMap<>();
        FALLBACKS.forEach(key -> fallback.put(key, value(form, "fallback." + key)));
        return new BotForm(
                value(form, "name"),
                value(form, "systemPrompt"),
                value(form, "persona"),
                value(form, "provider"),
                value(form, "modelName"),
                value(form, "baseUrl"),
                value(form, "sessionTimeoutMinutes"),
                fallback,
                faq,
                apiKeySet);
    }

    /**
     * This form merged over the stored configuration {@code stored}; {@code apiKey} empty keeps the stored key,
     * {@code removeKey} removes it.
     */
    ChatbotDraft applyTo(ChatbotDraft stored, String apiKey, boolean removeKey) {
        ChatbotDraft.Model m = stored.model();
        String key = removeKey ? "" : apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
        ChatbotDraft.Model model = new ChatbotDraft.Model(
                blankToNull(provider),
                blankToNull(modelName),
                blankToNull(baseUrl),
                key,
                m.temperature(),
                m.timeoutSeconds(),
                m.maxOutputTokens(),
                m.maxToolRounds(),
                m.fallback());
        FallbackMessages messages = FallbackMessages.withDefaults(
                fallback.get("error"),
                fallback.get("limit"),
                fallback.get("unknown"),
                fallback.get("maxRounds"),
                fallback.get("handover"));
        return new ChatbotDraft(
                name,
                systemPrompt,
                blankToNull(persona),
                messages,
                model,
                faq,
                sessionTimeout(),
                stored.promptBudget(),
                stored.active());
    }

    private String sessionTimeout() {
        if (sessionTimeoutMinutes == null || sessionTimeoutMinutes.isBlank()) {
            return null;
        }
        long minutes;
        try {
            minutes = Long.parseLong(sessionTimeoutMinutes.strip());
        } catch (NumberFormatException e) {
            minutes = -1;
        }
        if (minutes < 0) {
            throw new InvalidRequestException(
                    "validation_failed", "sessionTimeout must be a whole number of minutes (0 = never)");
        }
        return "PT" + minutes + "M";
    }

    static String value(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null ? "" : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
