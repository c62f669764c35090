package io.parley.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.ratelimit.RedisPing;
import io.parley.testing.RealDependency;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BucketStoresTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @Test
    void should_share_one_bucket_between_two_nodes_when_both_use_the_same_redis() {
        RealDependency.require(RedisPing.answers(), "Redis on 127.0.0.1:6379 (PING)");
        String key = "contact:" + UUID.randomUUID();
        try (RedisBucketStore nodeA = redis(RedisPing.URL);
                RedisBucketStore nodeB = redis(RedisPing.URL)) {
            List<Boolean> allowed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                allowed.add(nodeA.tryConsume(key, 4));
                allowed.add(nodeB.tryConsume(key, 4));
            }
            assertThat(allowed).containsExactly(true, true, true, true, false, false);
            assertThat(nodeB.tryConsume("contact:" + UUID.randomUUID(), 4)).isTrue();
        }
    }

    @Test
    void should_still_limit_locally_and_report_the_outage_once_when_redis_is_unreachable() throws IOException {
        List<String> outages = new ArrayList<>();
        try (RedisBucketStore unreachable = redis("redis://127.0.0.1:" + closedPort())) {
            // retryAfter zero: Redis is tried on every message, and the outage is still reported only once.
            FailoverBucketStore store =
                    new FailoverBucketStore(unreachable, new LocalBucketStore(), Duration.ZERO, CLOCK, outages::add);

            assertThat(consume(store, "contact:" + UUID.randomUUID(), 2, 4)).containsExactly(true, true, false, false);
        }
        assertThat(outages).hasSize(1);
    }

    @Test
    void should_report_a_new_outage_after_redis_came_back() {
        FlakyStore shared = new FlakyStore();
        List<String> outages = new ArrayList<>();
        FailoverBucketStore store =
                new FailoverBucketStore(shared, new LocalBucketStore(), Duration.ZERO, CLOCK, outages::add);

        shared.down = true;
        store.tryConsume("a", 10);
        store.tryConsume("a", 10);
        shared.down = false;
        store.tryConsume("a", 10);
        shared.down = true;
        store.tryConsume("a", 10);

        assertThat(outages).hasSize(2);
        assertThat(shared.served).isEqualTo(1);
    }

    @Test
    void should_leave_redis_alone_until_the_retry_time_after_a_failure() {
        FlakyStore shared = new FlakyStore();
        FailoverBucketStore store =
                new FailoverBucketStore(shared, new LocalBucketStore(), Duration.ofSeconds(10), CLOCK, error -> {});

        shared.down = true;
        store.tryConsume("a", 10);
        shared.down = false;
        store.tryConsume("a", 10);

        assertThat(shared.attempts).isEqualTo(1);
    }

    private static List<Boolean> consume(BucketStore store, String key, long perHour, int times) {
        return IntStream.range(0, times)
                .mapToObj(i -> store.tryConsume(key, perHour))
                .toList();
    }

    private static RedisBucketStore redis(String url) {
        // Keys are random per test; the prefix is the same for every node, as in production.
        return new RedisBucketStore(url, "parley-test:ratelimit:", Duration.ofSeconds(2));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static final class FlakyStore implements BucketStore {
        boolean down;
        int attempts;
        int served;

        @Override
        public boolean tryConsume(String key, long perHour) {
            attempts++;
            if (down) {
                throw new IllegalStateException("down");
            }
            served++;
            return true;
        }
    }
}
