package io.parley.delivery;

import io.parley.platform.RetryPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.delivery.*}: retries (defaults: seed 004's 1 s, 2 s, 4 s), throttling backoff (4^n s), the wait for
 * a status report after a lost response, pacing and dead letters. See ADR 18.
 *
 * @param throttleFirstBackoff delay after the first throttling answer; each further one multiplies it by
 *                             {@code throttleFactor}
 * @param maxThrottles         throttling answers one message may get before it is dead-lettered
 * @param confirmationWait     after a send whose answer was lost, how long to wait for Meta's status report carrying
 *                             our id before sending again
 * @param fifoWait             how long a message waits before checking again whether the older message of its
 *                             conversation (same lane) is done
 */
@ConfigurationProperties("parley.delivery")
public record DeliveryProperties(
        @DefaultValue("3") int maxRetries,
        @DefaultValue("1s") Duration firstBackoff,
        @DefaultValue("2.0") double backoffFactor,
        @DefaultValue("0.2") double jitter,
        @DefaultValue("5m") Duration maxBackoff,
        @DefaultValue("4s") Duration throttleFirstBackoff,
        @DefaultValue("4.0") double throttleFactor,
        @DefaultValue("6") int maxThrottles,
        @DefaultValue("30s") Duration confirmationWait,
        @DefaultValue("250ms") Duration fifoWait,
        @DefaultValue Pacing pacing,
        @DefaultValue DeadLetters deadLetters) {
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxRetries, firstBackoff, backoffFactor, jitter, maxBackoff);
    }

    /** Backoff after throttling answers: 4 s, 16 s, 64 s … by default, capped at an hour. */
    public RetryPolicy throttlePolicy() {
        return new RetryPolicy(maxThrottles, throttleFirstBackoff, throttleFactor, jitter, Duration.ofHours(1));
    }

    /**
     * Token buckets in front of the provider.
     *
     * @param accountMessagesPerSecond default per channel account, changeable per account
     * @param recipientBurst           messages one recipient may get at once (multi-bubble replies)
     * @param recipientInterval        then one message per this interval to the same recipient
     * @param campaignShare            part of an account's throughput campaigns may use; the rest stays free for
     *                                 replies and notifications
     * @param redisUrl                 when set, buckets are shared by every node ({@code PARLEY_REDIS_URL})
     * @param redisKeyPrefix           what every pacing key in Redis starts with; installations (or test runs) sharing
     *                                 one Redis keep their buckets apart with their own
     */
    public record Pacing(
            @DefaultValue("80") int accountMessagesPerSecond,
            @DefaultValue("3") int recipientBurst,
            @DefaultValue("6s") Duration recipientInterval,
            @DefaultValue("0.8") double campaignShare,
            String redisUrl,
            @DefaultValue("500ms") Duration redisTimeout,
            @DefaultValue("parley:pacing:") String redisKeyPrefix) {}

    /**
     * @param healInterval    how often transient dead letters are looked at
     * @param healCoolDown    a transient dead letter is re-queued once it is this old
     * @param maxAutoReplays  automatic replays of one message before it stays dead
     * @param healthThreshold open dead letters above which the health indicator reports {@code WARN}
     */
    public record DeadLetters(
            @DefaultValue("1m") Duration healInterval,
            @DefaultValue("10m") Duration healCoolDown,
            @DefaultValue("3") int maxAutoReplays,
            @DefaultValue("100") long healthThreshold) {}
}
