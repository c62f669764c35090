package io.parley.conversation.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Shows a typing indicator only when the model takes long enough for one to be seen: the indicator is started
 * {@code parley.conversation.typing-delay} after the model call began, on a virtual thread, and never when the reply
 * was ready before then. A model that answers in 200 ms costs no indicator (and no call to the channel's API); one
 * that takes 5 s shows it after the delay. This measures the elapsed time of a call in flight, so it runs on the
 * machine's real time, not on Parley's clock. A delay of zero shows the indicator at once, before the model call,
 * on the caller's thread.
 */
@Component
class TypingTimer implements DisposableBean {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("typing-timer").factory());

    /** What to cancel once the reply is ready; closing after the indicator started is harmless. */
    interface Pending extends AutoCloseable {
        @Override
        void close();
    }

    /** Runs {@code show} after {@code delay} unless the returned handle is closed first. */
    Pending after(Duration delay, Runnable show) {
        if (delay.isZero() || delay.isNegative()) {
            show.run();
            return () -> {};
        }
        ScheduledFuture<?> scheduled = timer.schedule(
                () -> Thread.ofVirtual().name("typing").start(show), delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> scheduled.cancel(false);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
    }
}
