package io.parley.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Inbound rate limits.
 *
 * @param perChatbotPerHour inbound messages per hour one chatbot accepts for a turn (all contacts together)
 * @param perContactPerHour inbound messages per hour one contact of one chatbot gets answered
 * @param redisUrl          {@code redis://host:port}; empty keeps the buckets on this node only
 * @param redisTimeout      longest wait for Redis before a message is counted locally instead
 * @param redisRetryAfter   how long Redis is left alone after a failure before it is tried again
 * @param notice            whether a throttled contact gets one short notice per hour
 * @param noticeText        the notice
 * @param redisKeyPrefix    prefix of every bucket key in Redis (several Parley installations on one Redis, tests)
 * @param ingress           per-source-address limits on unauthenticated ingress ({@link AddressLimits})
 */
@ConfigurationProperties("parley.ratelimit")
public record RateLimitProperties(
        Long perChatbotPerHour,
        Long perContactPerHour,
        String redisUrl,
        Duration redisTimeout,
        Duration redisRetryAfter,
        Boolean notice,
        String noticeText,
        String redisKeyPrefix,
        Ingress ingress) {
    public RateLimitProperties {
        perChatbotPerHour = perChatbotPerHour == null ? 1000 : perChatbotPerHour;
        perContactPerHour = perContactPerHour == null ? 60 : perContactPerHour;
        redisUrl = redisUrl == null || redisUrl.isBlank() ? null : redisUrl.strip();
        redisTimeout = redisTimeout == null ? Duration.ofMillis(500) : redisTimeout;
        redisRetryAfter = redisRetryAfter == null ? Duration.ofSeconds(10) : redisRetryAfter;
        notice = notice == null || notice;
        noticeText = noticeText == null || noticeText.isBlank()
                ? "You are sending too many messages. Please wait a while before writing again."
                : noticeText;
        redisKeyPrefix = redisKeyPrefix == null || redisKeyPrefix.isBlank() ? "parley:ratelimit:" : redisKeyPrefix;
        ingress = ingress == null ? new Ingress(null, null, null) : ingress;
    }

    /**
     * Per source address, on this node ({@code parley.ratelimit.ingress.*}); 0 turns a limit off.
     *
     * @param authFailuresPerMinute failed authentications (401, a refused webhook verify token) an address may have per
     *                              minute, up to that many at once; past it every request it sends to a route that
     *                              authenticates gets 429 until the budget refills (default 100)
     * @param publicPerMinute       requests an address may send per minute to routes that need no credentials (login,
     *                              logout, the webhook verification handshake, action links), up to that many at once
     *                              (default 300)
     * @param maxAddresses          addresses tracked at once; the least recently seen is forgotten first (default
     *                              100,000)
     */
    public record Ingress(Integer authFailuresPerMinute, Integer publicPerMinute, Integer maxAddresses) {
        public Ingress {
            authFailuresPerMinute = nonNegative("authFailuresPerMinute", authFailuresPerMinute, 100);
            publicPerMinute = nonNegative("publicPerMinute", publicPerMinute, 300);
            maxAddresses = nonNegative("maxAddresses", maxAddresses, 100_000);
        }

        private static int nonNegative(String name, Integer value, int fallback) {
            if (value != null && value < 0) {
                throw new IllegalArgumentException("parley.ratelimit.ingress." + name + " must be ≥ 0, was " + value);
            }
            return value == null ? fallback : value;
        }
    }

    /** The configured defaults as limits. */
    public InboundLimits defaults() {
        return new InboundLimits(perChatbotPerHour, perContactPerHour);
    }
}
