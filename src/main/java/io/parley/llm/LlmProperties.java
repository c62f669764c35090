package io.parley.llm;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.llm.*}: how many model calls one node keeps open to one model server (ADR 51). A server is the host
 * and port a call goes to (the chatbot's {@code baseUrl}, or its provider's default); the offline model calls none.
 * ({@code parley.llm.timeout}, the call timeout when a chatbot sets none, is read by the agent.)
 *
 * @param maxInFlight          calls open at once to one server, per node, unless an override names it
 * @param maxInFlightOverrides {@code key=n} entries: a server's {@code host:port}, its {@code host}, or a provider
 *                             ({@code openai}, {@code gemini}, {@code anthropic}, {@code ollama}) for each of that
 *                             provider's servers; the most specific entry wins ({@code host:port}, then host, then
 *                             provider)
 * @param maxInFlightWait      how long a call waits for one of its server's places; then it fails as
 *                             {@link ModelException.Kind#BUSY} (a retriable model error: the chatbot's fallback model,
 *                             else its error message)
 */
@ConfigurationProperties("parley.llm")
public record LlmProperties(
        @DefaultValue("500") int maxInFlight,
        @DefaultValue List<String> maxInFlightOverrides,
        @DefaultValue("30s") Duration maxInFlightWait) {
    public LlmProperties {
        positive("parley.llm.max-in-flight", maxInFlight);
        maxInFlightOverrides = maxInFlightOverrides == null
                ? List.of()
                : maxInFlightOverrides.stream()
                        .map(String::strip)
                        .filter(entry -> !entry.isEmpty())
                        .toList();
        overrides(maxInFlightOverrides); // a malformed entry stops the start, naming the entry
        if (maxInFlightWait == null || maxInFlightWait.isNegative()) {
            throw new IllegalArgumentException(
                    "parley.llm.max-in-flight-wait must be zero or positive, was " + maxInFlightWait);
        }
    }

    /** The bound for calls of {@code provider} to {@code server} ({@code host:port}, lower case). */
    public int maxInFlight(String provider, String server) {
        Map<String, Integer> overrides = overrides(maxInFlightOverrides);
        String host = server.contains(":") ? server.substring(0, server.lastIndexOf(':')) : server;
        for (String key : List.of(server, host, provider.toLowerCase(Locale.ROOT))) {
            Integer bound = overrides.get(key);
            if (bound != null) {
                return bound;
            }
        }
        return maxInFlight;
    }

    /** The largest bound any server may get: the default or an override. */
    public int largestBound() {
        return overrides(maxInFlightOverrides).values().stream()
                .mapToInt(Integer::intValue)
                .reduce(maxInFlight, Math::max);
    }

    private static Map<String, Integer> overrides(List<String> entries) {
        Map<String, Integer> parsed = new LinkedHashMap<>();
        for (String entry : entries) {
            int at = entry.lastIndexOf('=');
            String key = at < 0 ? "" : entry.substring(0, at).strip().toLowerCase(Locale.ROOT);
            String value = at < 0 ? "" : entry.substring(at + 1).strip();
            if (key.isEmpty() || !value.matches("[0-9]{1,9}")) {
                throw new IllegalArgumentException("parley.llm.max-in-flight-overrides: '" + entry
                        + "' is not key=number (e.g. api.openai.com=2000, localhost:11434=4, ollama=8)");
            }
            positive("parley.llm.max-in-flight-overrides (" + key + ")", Integer.parseInt(value));
            parsed.put(key, Integer.parseInt(value));
        }
        return parsed;
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, was " + value);
        }
    }
}
