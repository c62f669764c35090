package io.parley.tenancy;

import io.parley.platform.Secret;
import java.time.Duration;

/**
 * A chatbot's model configuration. API keys are decrypted only when the chatbot is loaded to run a turn and are
 * {@link Secret}s: they do not print and do not serialize.
 *
 * @param timeout         null means the platform default ({@code parley.llm.timeout})
 * @param maxOutputTokens null means the provider's default
 * @param maxToolRounds   tool rounds the agent may run before it gives up with the "maxRounds" message
 * @param fallback        a second model tried when this one fails with a retriable error, or null
 */
public record ModelSettings(
        String provider,
        String name,
        String baseUrl,
        Secret apiKey,
        double temperature,
        Duration timeout,
        Integer maxOutputTokens,
        int maxToolRounds,
        FallbackModel fallback) {
    public static final double DEFAULT_TEMPERATURE = 0.7;
    public static final int DEFAULT_MAX_TOOL_ROUNDS = 5;

    public record FallbackModel(String provider, String name, String baseUrl, Secret apiKey) {}
}
