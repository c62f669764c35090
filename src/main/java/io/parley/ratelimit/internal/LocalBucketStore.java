package io.parley.ratelimit.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;

/**
 * Buckets in this JVM. A bucket idle for an hour and a bit is full again anyway, so it is dropped; the size bound
 * keeps a flood of new contacts from growing the heap without limit (an evicted bucket restarts full).
 */
public final class LocalBucketStore implements BucketStore {
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofMinutes(65))
            .maximumSize(200_000)
            .build();
    private final TimeMeter time;

    public LocalBucketStore() {
        this(Clock.systemUTC());
    }

    /** Buckets that refill by {@code clock}'s time. */
    public LocalBucketStore(Clock clock) {
        this.time = Buckets.time(clock);
    }

    @Override
    public boolean tryConsume(String key, long perHour) {
        // The limit is part of the key, so a changed limit starts a new bucket instead of keeping the old size.
        return buckets.get(
                        key + ":" + perHour,
                        k -> Bucket.builder()
                                .addLimit(Buckets.bandwidth(perHour))
                                .withCustomTimePrecision(time)
                                .build())
                .tryConsume(1);
    }
}
