package io.parley.conversation.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TypingTimerTest {
    private final TypingTimer timer = new TypingTimer();

    @AfterEach
    void stop() {
        timer.destroy();
    }

    @Test
    void should_not_show_the_indicator_when_the_reply_is_ready_before_the_delay() throws Exception {
        AtomicInteger shown = new AtomicInteger();
        TypingTimer.Pending pending = timer.after(Duration.ofHours(1), shown::incrementAndGet);

        pending.close();

        CountDownLatch later = new CountDownLatch(1);
        timer.after(Duration.ofMillis(1), later::countDown);
        assertThat(later.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(shown).hasValue(0);
    }

    @Test
    void should_show_the_indicator_once_when_the_model_is_slower_than_the_delay() throws Exception {
        CountDownLatch shown = new CountDownLatch(1);
        AtomicInteger times = new AtomicInteger();

        try (TypingTimer.Pending pending = timer.after(Duration.ofMillis(1), () -> {
            times.incrementAndGet();
            shown.countDown();
        })) {
            assertThat(shown.await(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(times).hasValue(1);
    }

    @Test
    void should_show_the_indicator_at_once_on_the_callers_thread_when_the_delay_is_zero() {
        Thread caller = Thread.currentThread();
        Thread[] ranOn = new Thread[1];

        timer.after(Duration.ZERO, () -> ranOn[0] = Thread.currentThread()).close();

        assertThat(ranOn[0]).isSameAs(caller);
    }
}
