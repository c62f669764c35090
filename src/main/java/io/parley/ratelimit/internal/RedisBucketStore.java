package io.parley.ratelimit.internal;

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

/**
 * Buckets in Redis (Bucket4j's compare-and-swap over Lettuce), shared by every node pointed at the same Redis.
 * Connects on first use and again after a failure; every failure surfaces as an exception so the caller can fall
 * back. Commands are rejected while disconnected instead of queued, so an outage costs at most {@code timeout}.
 */
public final class RedisBucketStore implements BucketStore, AutoCloseable {
    private final RedisClient client;
    private final String prefix;
    private final Duration timeout;
    private final Clock clock;
    private volatile StatefulRedisConnection<byte[], byte[]> connection;
    private volatile ProxyManager<byte[]> buckets;

    public RedisBucketStore(String url, String prefix, Duration timeout) {
        this(url, prefix, timeout, Clock.systemUTC());
    }

    /**
     * Buckets that refill by {@code clock}'s time: Bucket4j's compare-and-swap computes refills on the client, so
     * every node sharing the Redis must use the same (wall-clock) time.
     */
    public RedisBucketStore(String url, String prefix, Duration timeout, Clock clock) {
        RedisURI uri = RedisURI.create(url);
        uri.setTimeout(timeout);
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                // The default connect timeout is 10 s: a Redis host that drops packets would hold webhooks that long.
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .build());
        this.prefix = prefix;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public boolean tryConsume(String key, long perHour) {
        byte[] redisKey = (prefix + key + ":" + perHour).getBytes(StandardCharsets.UTF_8);
        return proxyManager()
                .builder()
                .build(redisKey, () -> Buckets.perHour(perHour))
                .tryConsume(1);
    }

    private synchronized ProxyManager<byte[]> proxyManager() {
        if (buckets == null || connection == null || !connection.isOpen()) {
            closeConnection();
            connection = client.connect(ByteArrayCodec.INSTANCE);
            buckets = Bucket4jLettuce.casBasedBuilder(connection)
                    .expirationAfterWrite(
                            ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(5)))
                    .requestTimeout(timeout)
                    .clientClock(Buckets.time(clock))
                    .build();
        }
        return buckets;
    }

    private void closeConnection() {
        if (connection != null) {
            connection.closeAsync();
            connection = null;
            buckets = null;
        }
    }

    @Override
    public synchronized void close() {
        closeConnection();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
