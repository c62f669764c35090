package io.parley.ratelimit.internal;

import io.parley.ratelimit.RedisPing;
import io.parley.testing.RealDependency;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;

/** The failover store keeps the contract both while Redis answers and while it is down (then on local buckets). */
class FailoverBucketStoreContractTest {
    private static final Duration RETRY_AFTER = Duration.ofMinutes(1);

    @Nested
    class WhenRedisAnswers extends BucketStoreContract {
        private RedisBucketStore redis;

        @Override
        protected BucketStore newStore(Clock clock) {
            RealDependency.require(RedisPing.answers(), "Redis on 127.0.0.1:6379 (PING)");
            redis = new RedisBucketStore(
                    RedisPing.URL, "parley-test:" + UUID.randomUUID() + ":", Duration.ofSeconds(2), clock);
            return new FailoverBucketStore(redis, new LocalBucketStore(clock), RETRY_AFTER, clock, error -> {
                throw new AssertionError("Redis answers, yet the store reported an outage: " + error);
            });
        }

        @AfterEach
        void closeRedis() {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @Nested
    class WhenRedisIsUnreachable extends BucketStoreContract {
        private RedisBucketStore redis;

        @Override
        protected BucketStore newStore(Clock clock) {
            redis = new RedisBucketStore(
                    "redis://127.0.0.1:" + closedPort(), "parley-test:", Duration.ofSeconds(2), clock);
            return new FailoverBucketStore(redis, new LocalBucketStore(clock), RETRY_AFTER, clock, error -> {});
        }

        @AfterEach
        void closeRedis() {
            if (redis != null) {
                redis.close();
            }
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
