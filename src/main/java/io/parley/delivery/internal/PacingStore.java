package io.parley.delivery.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Where pacing buckets live: in this JVM, or in Redis (Bucket4j compare-and-swap over Lettuce) shared by every node.
 * The {@code ratelimit} module's stores count per hour behind a yes/no API; pacing needs waits, refunds and
 * reservations, so it keeps its own (ADR 18). The configuration is part of the key: a changed rate starts a new
 * bucket.
 */
interface PacingStore extends AutoCloseable {
    Bucket bucket(String key, BucketConfiguration configuration);

    @Override
    default void close() {}

    /** This node's buckets refill by Parley's clock, so a test that moves the clock refills them. */
    static TimeMeter time(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    final class Local implements PacingStore {
        private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofMinutes(10))
                .maximumSize(200_000)
                .build();
        private final TimeMeter time;

        Local(Clock clock) {
            this.time = PacingStore.time(clock);
        }

        @Override
        public Bucket bucket(String key, BucketConfiguration configuration) {
            return buckets.get(
                    key,
                    k -> Bucket.builder()
                            .addLimit(configuration.getBandwidths()[0])
                            .withCustomTimePrecision(time)
                            .build());
        }
    }

    /**
     * Shared buckets refill by Parley's clock in milliseconds, read on this node: Bucket4j's compare-and-swap computes
     * a bucket's state on the client, so every node must agree on the time (NTP), as with Bucket4j's own default
     * ({@code System.currentTimeMillis()}, which is what Parley's clock gives in production). Two nodes a test starts
     * in one JVM share the test's clock (ADR 48).
     */
    static TimeMeter millis(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return clock.millis() * 1_000_000L;
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Connects on first use and again after a failure; failures surface as exceptions so the caller can fall back. */
    final class Redis implements PacingStore {
        private final RedisClient client;
        private final Duration timeout;
        private final String keyPrefix;
        private final TimeMeter time;
        private volatile StatefulRedisConnection<byte[], byte[]> connection;
        private volatile ProxyManager<byte[]> proxies;

        Redis(String url, Duration timeout, String keyPrefix, Clock clock) {
            RedisURI uri = RedisURI.create(url);
            uri.setTimeout(timeout);
            this.client = RedisClient.create(uri);
            client.setOptions(ClientOptions.builder()
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .timeoutOptions(TimeoutOptions.enabled(timeout))
                    .socketOptions(
                            SocketOptions.builder().connectTimeout(timeout).build())
                    .build());
            this.timeout = timeout;
            this.keyPrefix = keyPrefix;
            this.time = PacingStore.millis(clock);
        }

        @Override
        public Bucket bucket(String key, BucketConfiguration configuration) {
            return proxies().builder().build((keyPrefix + key).getBytes(StandardCharsets.UTF_8), () -> configuration);
        }

        private synchronized ProxyManager<byte[]> proxies() {
            if (proxies == null || connection == null || !connection.isOpen()) {
                if (connection != null) {
                    connection.closeAsync();
                }
                connection = client.connect(ByteArrayCodec.INSTANCE);
                proxies = Bucket4jLettuce.casBasedBuilder(connection)
                        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                                Duration.ofMinutes(1)))
                        .requestTimeout(timeout)
                        .clientClock(time)
                        .build();
            }
            return proxies;
        }

        @Override
        public synchronized void close() {
            if (connection != null) {
                connection.closeAsync();
            }
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
