package io.parley.tenancy;

/**
 * What the bot says when it cannot answer normally. Defaults are English; each chatbot may override them.
 *
 * @param error     the model failed (timeout, outage, bad configuration)
 * @param limit     the model or the organization is at a usage limit
 * @param unknown   the model had no answer (the offline model found nothing in the FAQ)
 * @param maxRounds the model kept calling tools past the chatbot's round limit
 * @param handover  the conversation was handed to a person
 */
public record FallbackMessages(String error, String limit, String unknown, String maxRounds, String handover) {
    public static final String DEFAULT_ERROR =
            "Sorry, I'm having technical problems right now. Please try again in a moment.";
    public static final String DEFAULT_LIMIT =
            "Sorry, I can't answer right now because this assistant has reached its usage limit. The team has been notified.";
    public static final String DEFAULT_UNKNOWN =
            "Sorry, I don't have an answer to that yet. Could you rephrase your question?";
    public static final String DEFAULT_MAX_ROUNDS =
            "I need a bit more information to answer that. Could you rephrase your question?";
    public static final String DEFAULT_HANDOVER =
            "I'm passing you to a person from our team. They will answer here shortly.";

    public static FallbackMessages withDefaults(
            String error, String limit, String unknown, String maxRounds, String handover) {
        return new FallbackMessages(
                orDefault(error, DEFAULT_ERROR),
                orDefault(limit, DEFAULT_LIMIT),
                orDefault(unknown, DEFAULT_UNKNOWN),
                orDefault(maxRounds, DEFAULT_MAX_ROUNDS),
                orDefault(handover, DEFAULT_HANDOVER));
    }

    public static FallbackMessages defaults() {
        return withDefaults(null, null, null, null, null);
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
