package io.parley.llm;

import java.util.List;

/**
 * What a model said.
 *
 * @param text         the reply; empty when {@code answered} is false or when the model only called tools
 * @param answered     false when the model had nothing to say (the offline model found no matching answer);
 *                     the caller then sends the chatbot's "unknown" message
 * @param inputTokens  prompt tokens as reported by the provider (estimated for the offline model)
 * @param outputTokens completion tokens as reported by the provider (estimated for the offline model)
 * @param toolCalls    tools the model wants run before it answers; empty for a final answer
 */
public record ModelReply(
        String text,
        boolean answered,
        int inputTokens,
        int outputTokens,
        String provider,
        String model,
        List<ToolCall> toolCalls) {
    public ModelReply {
        text = text == null ? "" : text;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    public ModelReply(String text, boolean answered, int inputTokens, int outputTokens, String provider, String model) {
        this(text, answered, inputTokens, outputTokens, provider, model, List.of());
    }

    public boolean wantsTools() {
        return !toolCalls.isEmpty();
    }
}
