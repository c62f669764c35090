package io.parley.llm;

import io.parley.platform.Secret;
import java.time.Duration;
import java.util.Objects;

/**
 * Which model to call and how.
 *
 * @param provider        {@code offline}, {@code openai} (any OpenAI-compatible server through {@code baseUrl}),
 *                        {@code gemini}, {@code anthropic} or {@code ollama}
 * @param name            model name, e.g. {@code gpt-4o-mini}; may be null for {@code offline}
 * @param baseUrl         API base URL; null means the provider's default
 * @param apiKey          credential, null when the server needs none
 * @param temperature     0.0 to 2.0; 0.0 is a real value, not "unset"
 * @param timeout         how long one call may take before it counts as a retriable timeout
 * @param maxOutputTokens cap on generated tokens, or null for the provider's default
 */
public record ModelSpec(
        String provider,
        String name,
        String baseUrl,
        Secret apiKey,
        double temperature,
        Duration timeout,
        Integer maxOutputTokens) {
    public ModelSpec {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(timeout, "timeout");
        if (temperature < 0.0 || temperature > 2.0) {
            throw new IllegalArgumentException("temperature must be within 0.0..2.0, was " + temperature);
        }
        if (maxOutputTokens != null && maxOutputTokens < 1) {
            throw new IllegalArgumentException("maxOutputTokens must be positive, was " + maxOutputTokens);
        }
    }

    public ModelSpec(
            String provider, String name, String baseUrl, Secret apiKey, double temperature, Duration timeout) {
        this(provider, name, baseUrl, apiKey, temperature, timeout, null);
    }
}
