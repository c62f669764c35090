package io.parley.llm;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How many tokens a model accepts in one call (prompt and reply together), from the providers' published limits, by
 * model-name prefix; the prompt budget's default (ADR 32). A chatbot overrides it with
 * {@code promptBudget.contextWindow}.
 */
public final class ContextWindows {
    /** For a model not in the table: small enough for any current chat model, so nothing is sent that cannot fit. */
    public static final int DEFAULT = 8_192;
    /**
     * Ollama runs every model with its {@code num_ctx} (4,096 by default) whatever the model could take, and cuts
     * a longer prompt silently; Parley does not change it. A server with a larger num_ctx: override the window.
     */
    public static final int OLLAMA = 4_096;
    /** The offline model reads the latest message and the passages, not a prompt: nothing needs cutting. */
    public static final int OFFLINE = 1_000_000;

    // Longest prefix first, so "gpt-4o" wins over "gpt-4" and "llama-3.1" over "llama-3".
    private static final List<Map.Entry<String, Integer>> BY_PREFIX = List.of(
            Map.entry("gpt-4o-mini", 128_000),
            Map.entry("gpt-4o", 128_000),
            Map.entry("chatgpt-4o", 128_000),
            Map.entry("gpt-4.1", 1_047_576),
            Map.entry("gpt-4-turbo", 128_000),
            Map.entry("gpt-4-32k", 32_768),
            Map.entry("gpt-4", 8_192),
            Map.entry("gpt-3.5-turbo", 16_385),
            Map.entry("gpt-5", 400_000),
            Map.entry("o1", 200_000),
            Map.entry("o3", 200_000),
            Map.entry("o4", 200_000),
            Map.entry("gemini-1.5-pro", 2_097_152),
            Map.entry("gemini-1.0", 32_760),
            Map.entry("gemini", 1_048_576),
            Map.entry("claude", 200_000),
            Map.entry("llama-3.1", 131_072),
            Map.entry("llama-3.2", 131_072),
            Map.entry("llama-3.3", 131_072),
            Map.entry("llama3.1", 131_072),
            Map.entry("llama3.2", 131_072),
            Map.entry("llama3.3", 131_072),
            Map.entry("llama-4", 131_072),
            Map.entry("llama-3", 8_192),
            Map.entry("llama3", 8_192),
            Map.entry("llama-2", 4_096),
            Map.entry("llama2", 4_096),
            Map.entry("mistral-large", 131_072),
            Map.entry("mistral", 32_768),
            Map.entry("mixtral", 32_768),
            Map.entry("qwen", 32_768),
            Map.entry("gemma", 8_192));

    private ContextWindows() {}

    /** The model's context window in tokens, {@link #DEFAULT} when the model is unknown. */
    public static int of(String provider, String model) {
        if ("offline".equals(provider)) {
            return OFFLINE;
        }
        if ("ollama".equals(provider)) {
            return OLLAMA;
        }
        if (model == null || model.isBlank()) {
            return DEFAULT;
        }
        // "models/gemini-1.5-pro", "meta-llama/Llama-3.1-8B-Instruct": the name after the last slash counts.
        String name = model.substring(model.lastIndexOf('/') + 1).strip().toLowerCase(Locale.ROOT);
        return BY_PREFIX.stream()
                .filter(entry -> name.startsWith(entry.getKey()))
                .max(java.util.Comparator.comparingInt(entry -> entry.getKey().length()))
                .map(Map.Entry::getValue)
                .orElse(DEFAULT);
    }
}
