package io.parley.ratelimit.internal;

import io.parley.ratelimit.RedisPing;
import io.parley.testing.RealDependency;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;

/** Against the machine's Redis (127.0.0.1:6379); skipped without it on a developer's machine, failed in CI. */
class RedisBucketStoreContractTest extends BucketStoreContract {
    private static final String PREFIX = "parley-test:" + UUID.randomUUID() + ":";

    @BeforeAll
    static void redisRuns() {
        RealDependency.require(RedisPing.answers(), "Redis on 127.0.0.1:6379 (PING)");
    }

    @Override
    protected BucketStore newStore(Clock clock) {
        return new RedisBucketStore(RedisPing.URL, PREFIX, Duration.ofSeconds(2), clock);
    }
}
