package io.parley.agent;

/**
 * What to send back, and why.
 *
 * @param fallbackReason null when {@code outcome} is ANSWERED; else a short code such as {@code model_timeout}
 * @param provider       the provider that produced the final answer (the fallback model's when it was used)
 * @param tokensIn       summed over every model call of the turn (all tool rounds, both models)
 * @param handover       true when a tool handed the conversation to a person: {@code text} is the handover message
 * @param prompt         how the prompt was fitted into the model's window; null when no prompt was built
 */
public record AgentReply(
        String text,
        Outcome outcome,
        String fallbackReason,
        String provider,
        String model,
        int tokensIn,
        int tokensOut,
        int toolRounds,
        boolean handover,
        PromptReport prompt) {
    public enum Outcome {
        /** The model answered. */
        ANSWERED,
        /** The model had nothing to say; the chatbot's "unknown" message is sent. */
        NO_ANSWER,
        /** The model failed (or kept calling tools past the limit); a fallback message is sent. */
        FALLBACK
    }

    public AgentReply(
            String text,
            Outcome outcome,
            String fallbackReason,
            String provider,
            String model,
            int tokensIn,
            int tokensOut) {
        this(text, outcome, fallbackReason, provider, model, tokensIn, tokensOut, 0, false);
    }

    public AgentReply(
            String text,
            Outcome outcome,
            String fallbackReason,
            String provider,
            String model,
            int tokensIn,
            int tokensOut,
            int toolRounds,
            boolean handover) {
        this(text, outcome, fallbackReason, provider, model, tokensIn, tokensOut, toolRounds, handover, null);
    }
}
