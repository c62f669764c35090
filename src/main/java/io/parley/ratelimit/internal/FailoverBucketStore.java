package io.parley.ratelimit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Redis first; when it fails, the local buckets. An outage is reported once ({@code onOutage} gets the error
 * class) and ends with the first success; meanwhile Redis is tried again every {@code retryAfter} only, so a dead
 * Redis does not cost every message a timeout. Limits still hold during an outage, per node.
 */
public final class FailoverBucketStore implements BucketStore {
    private static final Logger log = LoggerFactory.getLogger(FailoverBucketStore.class);

    private final BucketStore shared;
    private final BucketStore local;
    private final Duration retryAfter;
    private final Clock clock;
    private final Consumer<String> onOutage;
    private boolean down;
    private Instant retryAt = Instant.MIN;

    public FailoverBucketStore(
            BucketStore shared, BucketStore local, Duration retryAfter, Clock clock, Consumer<String> onOutage) {
        this.shared = shared;
        this.local = local;
        this.retryAfter = retryAfter;
        this.clock = clock;
        this.onOutage = onOutage;
    }

    @Override
    public boolean tryConsume(String key, long perHour) {
        if (!shouldTryShared()) {
            return local.tryConsume(key, perHour);
        }
        try {
            boolean allowed = shared.tryConsume(key, perHour);
            recovered();
            return allowed;
        } catch (RuntimeException e) {
            failed(e);
            return local.tryConsume(key, perHour);
        }
    }

    private synchronized boolean shouldTryShared() {
        return !down || !clock.instant().isBefore(retryAt);
    }

    private synchronized void recovered() {
        if (down) {
            down = false;
            log.info("Redis for rate limits is reachable again; buckets are shared across nodes again");
        }
    }

    private void failed(RuntimeException e) {
        boolean first;
        synchronized (this) {
            first = !down;
            down = true;
            retryAt = clock.instant().plus(retryAfter);
        }
        if (first) {
            log.warn(
                    "Redis for rate limits unavailable ({}); counting on this node only",
                    e.getClass().getSimpleName());
            onOutage.accept(e.getClass().getSimpleName());
        }
    }
}
