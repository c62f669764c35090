package io.parley.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The wakeups that start a job at about its time instead of at the next poll (ADR 49), on a frozen clock: what is
 * due by Parley's clock is checked at once, what is near is held on one timer, what is far is left to polling.
 */
class DueWakeupsTest {
    private final SettableClock clock = SettableClock.frozenAt(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final AtomicInteger checks = new AtomicInteger();
    private final DueWakeups wakeups = new DueWakeups(clock, checks::incrementAndGet);

    @AfterEach
    void stop() {
        wakeups.destroy();
    }

    @Test
    void should_check_for_due_executions_at_once_when_the_execution_is_due_by_parleys_clock() {
        wakeups.wakeAt(clock.instant());
        wakeups.wakeAt(clock.instant().minusSeconds(3));

        assertThat(checks).hasValue(2);
        assertThat(wakeups.held()).isZero();
    }

    @Test
    void should_hold_nothing_when_the_execution_is_due_beyond_the_horizon() {
        wakeups.wakeAt(clock.instant().plus(DueWakeups.HORIZON).plusMillis(1));
        wakeups.wakeAt(clock.instant().plus(Duration.ofHours(1)));

        assertThat(wakeups.held()).isZero();
        assertThat(checks).hasValue(0);
        assertThat(wakeups.threads())
                .as("no timer thread for nothing to wait for")
                .isZero();
    }

    @Test
    void should_check_once_the_timer_reaches_an_execution_due_soon() {
        wakeups.wakeAt(clock.instant().plusMillis(20));

        assertThat(wakeups.held()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> checks.get() == 1);
        assertThat(wakeups.held()).isZero();
    }

    @Test
    void should_share_one_timer_between_executions_due_in_the_same_slot() {
        Instant due = clock.instant().plusSeconds(2);

        for (int i = 0; i < 100; i++) {
            wakeups.wakeAt(due);
        }
        wakeups.wakeAt(due.plusMillis(DueWakeups.SLOT_MILLIS));

        assertThat(wakeups.held()).isEqualTo(2);
    }

    @Test
    void should_hold_a_bounded_number_of_wakeups_on_one_thread_when_many_executions_are_due_soon() {
        long horizon = DueWakeups.HORIZON.toMillis();
        for (int i = 0; i < 20_000; i++) {
            wakeups.wakeAt(clock.instant().plusMillis(1 + i % horizon));
        }

        assertThat(wakeups.held()).isLessThanOrEqualTo((int) (horizon / DueWakeups.SLOT_MILLIS) + 1);
        assertThat(wakeups.threads()).isEqualTo(1);
    }

    @Test
    void should_hold_nothing_and_not_fail_when_woken_after_it_stopped() {
        wakeups.destroy();

        wakeups.wakeAt(clock.instant().plusSeconds(1));

        assertThat(wakeups.held()).isZero();
    }
}
