package io.parley.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Parley's clock in tests, moved forward by the test. {@link #running()} is the system clock plus an offset (time
 * also passes by itself: the shared test context); {@link #frozenAt} stands still until the test moves it, so what
 * is due depends on the test alone ({@link TimeTestSupport}). Move it through {@link TestTime}, which also runs what
 * became due.
 */
public final class SettableClock extends Clock {
    private final boolean frozen;
    private volatile Instant base;
    private volatile Duration offset = Duration.ZERO;

    private SettableClock(boolean frozen, Instant base) {
        this.frozen = frozen;
        this.base = base;
    }

    public static SettableClock running() {
        return new SettableClock(false, null);
    }

    public static SettableClock frozenAt(Instant instant) {
        return new SettableClock(true, instant);
    }

    public boolean frozen() {
        return frozen;
    }

    public synchronized void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only moves forward, by " + by);
        }
        offset = offset.plus(by);
    }

    @Override
    public Instant instant() {
        return (frozen ? base : Instant.now()).plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("Parley's clock is UTC");
    }
}
