package io.parley.ratelimit.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;

final class Buckets {
    private Buckets() {
    }

    /** Greedy refill: {@code perHour} tokens spread over the hour, never more than {@code perHour} saved up. */
    static Bandwidth bandwidth(long perHour) {
        return Bandwidth.builder().capacity(perHour).refillGreedy(perHour, Duration.ofHours(1)).build();
    }

    static BucketConfiguration perHour(long perHour) {
        return BucketConfiguration.builder().addLimit(bandwidth(perHour)).build();
    }
}
