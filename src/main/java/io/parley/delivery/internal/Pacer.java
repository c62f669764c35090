package io.parley.delivery.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.parley.delivery.DeliveryProperties;
import io.parley.delivery.Lane;
import io.parley.platform.channel.Channels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Token buckets in front of a paced channel's provider (ADR 18): per channel account (at most N messages in any one-second window), per
 * recipient (a small burst, then one per interval) and, for campaigns, a share of the account's rate reserved
 * slot by slot so a campaign backlog is spread over time instead of polling. A message without a token is not sent:
 * the caller reschedules it for when one is free.
 */
@Component
class Pacer implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(Pacer.class);

    private final DeliveryProperties.Pacing properties;
    private final AccountRates rates;
    private final OutboundRepository repository;
    private final Clock clock;
    private final PacingStore local;
    private final PacingStore shared;
    private final ReentrantLock[] sharedLocks =
            IntStream.range(0, 64).mapToObj(i -> new ReentrantLock()).toArray(ReentrantLock[]::new);
    private volatile Instant sharedFailedAt = Instant.MIN;

    private final Channels channels;

    Pacer(
            DeliveryProperties properties,
            AccountRates rates,
            OutboundRepository repository,
            Clock clock,
            Channels channels) {
        this.channels = channels;
        this.properties = properties.pacing();
        this.rates = rates;
        this.repository = repository;
        this.clock = clock;
        this.local = new PacingStore.Local(clock);
        String redis = this.properties.redisUrl();
        this.shared = redis == null || redis.isBlank()
                ? null
                : new PacingStore.Redis(
                        redis.strip(), this.properties.redisTimeout(), this.properties.redisKeyPrefix(), clock);
    }

    /** Empty when the message may go now; otherwise when to look again. Only channels whose capabilities say so are paced. */
    Optional<Instant> acquire(OutboundRow row) {
        if (!channels.paced(row.channel())) {
            return Optional.empty();
        }
        int rate = rates.messagesPerSecond(row.channelAccountId());
        Instant now = clock.instant();
        if (row.lane() == Lane.CAMPAIGN && row.campaignSlotAt() == null) {
            String campaignKey = campaignKey(row, rate);
            long waitNanos = onStore(
                    campaignKey,
                    store -> store.bucket(campaignKey, campaignConfig(rate)).consumeIgnoringRateLimits(1));
            // Long.MAX_VALUE means "never" to Bucket4j; it cannot happen for one token, but must not overflow.
            Instant slot = now.plusNanos(
                    Math.max(0, Math.min(waitNanos, Duration.ofHours(1).toNanos())));
            repository.reserveCampaignSlot(row.id(), slot);
            if (waitNanos > 0) {
                return Optional.of(slot);
            }
        }
        String recipientKey = "recipient:" + row.channelAccountId() + ":" + hash(row.recipient());
        BucketConfiguration recipientConfig = recipientConfig();
        ConsumptionProbe recipient = onStore(
                recipientKey,
                store -> store.bucket(recipientKey, recipientConfig).tryConsumeAndReturnRemaining(1));
        if (!recipient.isConsumed()) {
            return Optional.of(later(now, recipient.getNanosToWaitForRefill(), 100));
        }
        String accountKey = "account:" + row.channelAccountId() + ":" + rate;
        ConsumptionProbe account = onStore(
                accountKey,
                store -> store.bucket(accountKey, accountConfig(rate)).tryConsumeAndReturnRemaining(1));
        if (!account.isConsumed()) {
            onStore(recipientKey, store -> {
                store.bucket(recipientKey, recipientConfig).addTokens(1);
                return null;
            });
            return Optional.of(later(now, account.getNanosToWaitForRefill(), row.lane() == Lane.CAMPAIGN ? 200 : 20));
        }
        return Optional.empty();
    }

    /**
     * At most {@code rate} sends in any one-second window: a burst of {@code rate/20} (at least 1) plus a steady
     * refill, keeping another {@code rate/20} (0 below 20 msg/s) as headroom for the jitter between taking a token and the request
     * reaching Meta (sends taken over 1.05 s can arrive within 1 s). A plain bucket of capacity {@code rate}
     * refilling {@code rate}/s would allow twice the rate in a window that starts with a full bucket.
     */
    static BucketConfiguration accountConfig(int rate) {
        long refill = Math.max(1, rate - burst(rate) - rate / 20);
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(burst(rate))
                        .refillGreedy(refill, Duration.ofSeconds(1))
                        .build())
                .build();
    }

    private static long burst(int rate) {
        return Math.max(1, rate / 20);
    }

    private BucketConfiguration campaignConfig(int rate) {
        long perSecond = Math.max(1, Math.round((rate - burst(rate) - rate / 20) * properties.campaignShare()));
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(1)
                        .refillGreedy(perSecond, Duration.ofSeconds(1))
                        .build())
                .build();
    }

    private BucketConfiguration recipientConfig() {
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(properties.recipientBurst())
                        .refillGreedy(1, properties.recipientInterval())
                        .build())
                .build();
    }

    private String campaignKey(OutboundRow row, int rate) {
        return "campaign:" + row.channelAccountId() + ":" + rate + ":" + properties.campaignShare();
    }

    /**
     * Shared buckets when Redis is configured and answering; this node's own otherwise (retried after 10 s). On Redis
     * the threads of this node take turns per key (a lock stripe): Bucket4j updates a Redis bucket by compare-and-swap,
     * and dozens of delivery threads racing for one account's key retry each other into timeouts, which would drop
     * every node to local pacing, i.e. the rate per node instead of in total.
     */
    private <T> T onStore(String key, Function<PacingStore, T> operation) {
        if (shared != null && sharedFailedAt.plusSeconds(10).isBefore(clock.instant())) {
            ReentrantLock lock = sharedLocks[Math.floorMod(key.hashCode(), sharedLocks.length)];
            lock.lock();
            try {
                return operation.apply(shared);
            } catch (RuntimeException e) {
                sharedFailedAt = clock.instant();
                log.warn(
                        "Redis pacing store failed ({}); pacing on this node only for 10 s",
                        e.getClass().getSimpleName());
            } finally {
                lock.unlock();
            }
        }
        return operation.apply(local);
    }

    private static Instant later(Instant now, long waitNanos, int jitterMillis) {
        return now.plusNanos(Math.max(waitNanos, 1_000_000))
                .plusMillis(ThreadLocalRandom.current().nextInt(jitterMillis + 1));
    }

    /** Recipients are phone numbers: keys (which may sit in Redis) carry a hash, never the number. */
    private static String hash(String recipient) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(recipient.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void destroy() {
        if (shared != null) {
            shared.close();
        }
    }
}
