package io.parley.platform;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Bounded exponential backoff with jitter, shared by every job that retries (delivery, media downloads, alerts).
 * The default is seed 004's: retries after 1 s, 2 s and 4 s, each spread by ±20 % so that many failures at once do
 * not retry in lockstep.
 *
 * @param maxRetries   retries after the first attempt; 3 means at most 4 attempts
 * @param jitter       fraction of the delay added or removed at random, 0.0 to 1.0
 * @param maxDelay     no delay is longer than this, whatever the attempt or the provider's hint
 */
public record RetryPolicy(int maxRetries, Duration firstDelay, double factor, double jitter, Duration maxDelay) {
    public static final RetryPolicy SEED_DEFAULT =
            new RetryPolicy(3, Duration.ofSeconds(1), 2.0, 0.2, Duration.ofMinutes(5));

    public RetryPolicy {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        // Negated comparisons so that NaN is rejected too.
        if (maxRetries < 0 || !(factor >= 1.0) || !(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException(
                    "Invalid retry policy: maxRetries=" + maxRetries + ", factor=" + factor + ", jitter=" + jitter);
        }
        if (firstDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("Invalid retry policy: firstDelay=" + firstDelay + " and maxDelay="
                    + maxDelay + " must not be negative");
        }
    }

    /** Whether the retry numbered {@code retry} (1 for the first retry) is allowed. */
    public boolean allows(int retry) {
        return retry <= maxRetries;
    }

    /** The delay before retry number {@code retry} (1-based), honouring the provider's hint when it is longer. */
    public Duration delayBefore(int retry, Duration providerHint, RandomGenerator random) {
        double base = firstDelay.toMillis() * Math.pow(factor, Math.max(0, retry - 1));
        double spread = base * jitter * (random.nextDouble() * 2.0 - 1.0);
        // Past ~1000 doublings base is infinite and base + spread can be NaN, which would round to no delay at all.
        long millis = Double.isInfinite(base) ? Long.MAX_VALUE : Math.round(base + spread);
        if (providerHint != null && providerHint.toMillis() > millis) {
            millis = providerHint.toMillis();
        }
        return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
    }
}
