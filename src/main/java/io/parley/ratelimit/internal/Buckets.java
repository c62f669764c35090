package io.parley.ratelimit.internal;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

final class Buckets {
    private Buckets() {}

    /** Greedy refill: {@code perHour} tokens spread over the hour, never more than {@code perHour} saved up. */
    static Bandwidth bandwidth(long perHour) {
        return Bandwidth.builder()
                .capacity(perHour)
                .refillGreedy(perHour, Duration.ofHours(1))
                .build();
    }

    static BucketConfiguration perHour(long perHour) {
        return BucketConfiguration.builder().addLimit(bandwidth(perHour)).build();
    }

    /** Bucket4j's time source read from a {@link Clock}, so a test can move a bucket's time instead of waiting. */
    static TimeMeter time(Clock clock) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000_000L), now.getNano());
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }
}
