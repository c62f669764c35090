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
 */
@ConfigurationProperties("parley.ratelimit")
public record RateLimitProperties(Long perChatbotPerHour, Long perContactPerHour, String redisUrl,
                                  Duration redisTimeout, Duration redisRetryAfter, Boolean notice,
                                  String noticeText, String redisKeyPrefix) {
    public RateLimitProperties {
        perChatbotPerHour = perChatbotPerHour == null ? 1000 : perChatbotPerHour;
        perContactPerHour = perContactPerHour == null ? 60 : perContactPerHour;
        redisUrl = redisUrl == null || redisUrl.isBlank() ? null : redisUrl.strip();
        redisTimeout = redisTimeout == null ? Duration.ofMillis(500) : redisTimeout;
        redisRetryAfter = redisRetryAfter == null ? Duration.ofSeconds(10) : redisRetryAfter;
        notice = notice == null || notice;
        noticeText = noticeText == null || noticeText.isBlank()
                ? "You are sending too many messages. Please wait a while before writing again." : noticeText;
        redisKeyPrefix = redisKeyPrefix == null || redisKeyPrefix.isBlank() ? "parley:ratelimit:" : redisKeyPrefix;
    }

    /** The configured defaults as limits. */
    public InboundLimits defaults() {
        return new InboundLimits(perChatbotPerHour, perContactPerHour);
    }
}
