package io.parley.delivery.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.Bucket;
import io.parley.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The account bucket's promise, on this node's store ({@code PacingStore.Local}, which reads Parley's clock) and a
 * clock the test moves: the burst ({@code rate/20}, at least 1) while the clock stands still, then one grant per
 * refill interval of the clock and not a moment earlier, so never more than the rate in any one-second window.
 */
class PacerBucketTest {
    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

    @ParameterizedTest(name = "{0} msg/s")
    @ValueSource(ints = {1, 5, 20, 80, 250, 1000})
    void should_grant_only_the_burst_while_the_clock_stands_still_and_after_a_pause(int rate) {
        SettableClock clock = SettableClock.frozenAt(START);
        Bucket bucket = new PacingStore.Local(clock).bucket("account", Pacer.accountConfig(rate));

        assertThat(drain(bucket)).as("granted at the first instant").isEqualTo(burst(rate));
        assertThat(drain(bucket)).as("granted again without moving the clock").isZero();
        clock.advance(Duration.ofSeconds(10));
        assertThat(drain(bucket))
                .as("granted after ten quiet seconds: a pause saves up no more than the burst")
                .isEqualTo(burst(rate));
    }

    @ParameterizedTest(name = "{0} msg/s")
    @ValueSource(ints = {1, 5, 20, 80, 250, 1000})
    void should_grant_one_token_per_refill_interval_of_the_clock_while_sending_as_fast_as_allowed(int rate) {
        SettableClock clock = SettableClock.frozenAt(START);
        Bucket bucket = new PacingStore.Local(clock).bucket("account", Pacer.accountConfig(rate));
        long refill = Math.max(1, rate - burst(rate) - rate / 20);
        // 1 s / refill, rounded up to the nanosecond; the step stops a tenth of it short, then completes it.
        Duration interval = Duration.ofNanos((1_000_000_000L + refill - 1) / refill);
        Duration almost = interval.multipliedBy(9).dividedBy(10);

        List<Instant> grants = new ArrayList<>();
        for (int i = drain(bucket); i > 0; i--) {
            grants.add(clock.instant());
        }
        for (long step = 1; step <= 10 * refill; step++) {
            clock.advance(almost);
            assertThat(drain(bucket))
                    .as("granted %s into refill interval %d", almost, step)
                    .isZero();
            clock.advance(interval.minus(almost));
            assertThat(drain(bucket))
                    .as("granted at the end of refill interval %d", step)
                    .isEqualTo(1);
            grants.add(clock.instant());
        }

        assertThat(grants).as("granted over ten seconds of the clock").hasSize((int) (burst(rate) + 10 * refill));
        assertThat(busiestSecond(grants))
                .as("most grants within any one second of the clock")
                .isEqualTo(burst(rate) + refill - 1)
                .isLessThanOrEqualTo(rate);
    }

    private static int drain(Bucket bucket) {
        int granted = 0;
        while (bucket.tryConsume(1)) {
            granted++;
        }
        return granted;
    }

    private static long burst(int rate) {
        return Math.max(1, rate / 20);
    }

    /** The most grant instants (in order) less than one second apart from the first of them. */
    private static long busiestSecond(List<Instant> grants) {
        int busiest = 0;
        for (int first = 0, last = 0; first < grants.size(); first++) {
            while (last < grants.size()
                    && grants.get(last).isBefore(grants.get(first).plusSeconds(1))) {
                last++;
            }
            busiest = Math.max(busiest, last - first);
        }
        return busiest;
    }
}
