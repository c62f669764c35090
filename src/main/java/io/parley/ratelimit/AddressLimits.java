package io.parley.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import io.parley.access.AddressBudget;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Token buckets per source address for unauthenticated ingress, on this node: a budget of failed authentications
 * (spent only by failures, so valid traffic, e.g. Meta's signed webhooks at any rate, never touches it) and a cap on
 * requests to routes that need no credentials at all. Time comes from the injected {@link Clock}.
 */
@Service
public class AddressLimits implements AddressBudget {
    private static final Duration PER = Duration.ofMinutes(1);

    private final RateLimitProperties.Ingress limits;
    private final TimeMeter time;
    private final Cache<String, Bucket> failures;
    private final Cache<String, Bucket> publicRequests;

    AddressLimits(RateLimitProperties properties, Clock clock) {
        this.limits = properties.ingress();
        this.time = new ClockTime(clock);
        // A bucket untouched for two minutes is full again anyway; the size bound keeps a flood of new addresses from
        // growing the heap (a forgotten address starts with a full budget).
        this.failures = Caffeine.newBuilder()
                .expireAfterAccess(PER.multipliedBy(2))
                .maximumSize(limits.maxAddresses())
                .build();
        this.publicRequests = Caffeine.newBuilder()
                .expireAfterAccess(PER.multipliedBy(2))
                .maximumSize(limits.maxAddresses())
                .build();
    }

    /** How long the address must wait because it used up its failed authentications; empty when it may go on. */
    @Override
    public Optional<Duration> failureBudgetSpent(String address) {
        if (limits.authFailuresPerMinute() == 0) {
            return Optional.empty();
        }
        Bucket bucket = failures.getIfPresent(Objects.requireNonNull(address, "address"));
        return bucket == null ? Optional.empty() : wait(bucket.estimateAbilityToConsume(1));
    }

    /** Counts one failed authentication of the address. */
    @Override
    public void authenticationFailed(String address) {
        if (limits.authFailuresPerMinute() > 0) {
            failures.get(Objects.requireNonNull(address, "address"), a -> bucket(limits.authFailuresPerMinute()))
                    .tryConsume(1);
        }
    }

    /** Counts one request to a route without credentials; empty when it may go on, else how long to wait. */
    @Override
    public Optional<Duration> tryPublicRequest(String address) {
        if (limits.publicPerMinute() == 0) {
            return Optional.empty();
        }
        Bucket bucket =
                publicRequests.get(Objects.requireNonNull(address, "address"), a -> bucket(limits.publicPerMinute()));
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Optional.empty() : Optional.of(seconds(probe.getNanosToWaitForRefill()));
    }

    private Bucket bucket(int perMinute) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(perMinute)
                        .refillGreedy(perMinute, PER)
                        .build())
                .withCustomTimePrecision(time)
                .build();
    }

    private static Optional<Duration> wait(EstimationProbe probe) {
        return probe.canBeConsumed() ? Optional.empty() : Optional.of(seconds(probe.getNanosToWaitForRefill()));
    }

    /** Whole seconds, at least one: what a Retry-After header can say. */
    private static Duration seconds(long nanos) {
        return Duration.ofSeconds(Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L));
    }

    private record ClockTime(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            return clock.millis() * 1_000_000L;
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
