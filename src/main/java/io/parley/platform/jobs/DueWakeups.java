package io.parley.platform.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Starts an execution this node scheduled at about the time it is due, instead of at db-scheduler's next poll
 * ({@code db-scheduler.polling-interval}, 250 ms: on average 125 ms late). A wakeup due within {@link #HORIZON} is a
 * timer on one thread that asks the scheduler to look for due executions at that instant; one further out is left to
 * polling. The database stays the only record of what is due: a lost wakeup (a restart, another node's execution)
 * costs one poll interval, never the job. ADR 49.
 *
 * <p>Wakeups come from {@code Jobs.scheduleIfAbsent} after its transaction committed, and from db-scheduler itself
 * for every reschedule (a burst that goes on, a retry, pacing), as a {@code SchedulerListener}. Wakeups falling in
 * the same {@link #SLOT_MILLIS} share one timer, so a busy node holds at most {@code HORIZON / SLOT} of them.
 */
@Component
public class DueWakeups extends AbstractSchedulerListener implements DisposableBean {
    /** Further ahead than this a wakeup is not worth holding: polling finds the execution. */
    public static final Duration HORIZON = Duration.ofSeconds(5);
    /** Wakeups within one slot share a timer; an execution starts at most this much after it is due. */
    static final long SLOT_MILLIS = 5;

    private final Clock clock;
    private final Runnable check;
    private final ScheduledThreadPoolExecutor timer;
    private final Set<Long> slots = ConcurrentHashMap.newKeySet();

    @Autowired
    public DueWakeups(Clock clock, ObjectProvider<Scheduler> scheduler) {
        this(clock, () -> scheduler.ifAvailable(Scheduler::triggerCheckForDueExecutions));
    }

    /** @param check what a wakeup does: ask the scheduler to look for due executions now */
    DueWakeups(Clock clock, Runnable check) {
        this.clock = clock;
        this.check = check;
        this.timer = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().name("job-wakeup").daemon().factory());
        this.timer.setRemoveOnCancelPolicy(true);
    }

    /**
     * Makes this node look for due executions at {@code due} (by Parley's clock): at once when it is due already, on
     * the timer when it is due within {@link #HORIZON}, not at all further out.
     */
    public void wakeAt(Instant due) {
        long now = clock.millis();
        long dueMillis = due.toEpochMilli();
        if (dueMillis <= now) {
            check();
            return;
        }
        if (dueMillis - now > HORIZON.toMillis()) {
            return;
        }
        // The slot's end, so the timer never fires before the execution it is for is due.
        long slot = Math.ceilDiv(dueMillis, SLOT_MILLIS);
        if (!slots.add(slot)) {
            return;
        }
        try {
            timer.schedule(
                    () -> {
                        slots.remove(slot);
                        check();
                    },
                    slot * SLOT_MILLIS - now,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            slots.remove(slot);
        }
    }

    /** db-scheduler scheduled or rescheduled an execution (a completion handler, a failure handler). */
    @Override
    public void onExecutionScheduled(TaskInstanceId taskInstanceId, Instant executionTime) {
        wakeAt(executionTime);
    }

    /** Wakeups waiting on the timer. */
    int held() {
        return slots.size();
    }

    /** Threads the timer ever ran on. */
    int threads() {
        return timer.getLargestPoolSize();
    }

    private void check() {
        try {
            check.run();
        } catch (BeansException shuttingDown) {
            // The context is closing: the scheduler stops too and finds due executions when it starts again.
        }
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        slots.clear();
    }
}
