package io.parley.platform;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import io.parley.platform.jobs.DueWakeups;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Schedules db-scheduler executions from inside the caller's transaction, so a job exists if and only if the
 * state change that needs it was committed.
 *
 * <p>db-scheduler's own {@code scheduleIfNotExists} checks and then inserts; two concurrent transactions
 * scheduling the same instance make one of them fail on the primary key, which in PostgreSQL aborts that whole
 * transaction (a webhook would then be answered 500). {@code ON CONFLICT DO NOTHING} makes the second schedule a
 * no-op instead. Jobs carry no serialized data: the instance id names the row the job works on.
 *
 * <p>An execution due within a few seconds starts at about its time on this node, not at the next poll
 * ({@link DueWakeups}, ADR 49).
 */
@Component
public class Jobs {
    private final JdbcClient jdbc;
    private final DueWakeups wakeups;

    public Jobs(JdbcClient jdbc, DueWakeups wakeups) {
        this.jdbc = jdbc;
        this.wakeups = wakeups;
    }

    /** Returns true if a new execution was created, false if one for this task instance already existed. */
    public boolean scheduleIfAbsent(String taskName, String instanceId, Instant executeAt) {
        return scheduleIfAbsent(taskName, instanceId, executeAt, 0);
    }

    /**
     * Like {@link #scheduleIfAbsent(String, String, Instant)} with a db-scheduler priority: among due executions,
     * higher priorities are picked first ({@code db-scheduler.priority-enabled}).
     */
    public boolean scheduleIfAbsent(String taskName, String instanceId, Instant executeAt, int priority) {
        boolean created = jdbc.sql("""
                        insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version, priority)
                        values (:task, :instance, :at, false, 1, :priority)
                        on conflict (task_name, task_instance) do nothing""")
                        .param("task", taskName)
                        .param("instance", instanceId)
                        .param("at", Timestamp.from(executeAt))
                        .param("priority", priority)
                        .update()
                == 1;
        if (created) {
            wakeAfterCommit(executeAt);
        }
        return created;
    }

    /**
     * Like {@link #scheduleIfAbsent(String, String, Instant)}, but an execution already scheduled for later is moved
     * to {@code executeAt}; one due earlier, or running, is left as it is. For work that became more urgent (a caller
     * now waits for it). Returns true if an execution was created or moved.
     */
    public boolean scheduleNoLaterThan(String taskName, String instanceId, Instant executeAt) {
        boolean changed = jdbc.sql("""
                        insert into scheduled_tasks (task_name, task_instance, execution_time, picked, version, priority)
                        values (:task, :instance, :at, false, 1, 0)
                        on conflict (task_name, task_instance) do update
                            set execution_time = excluded.execution_time, version = scheduled_tasks.version + 1
                            where not scheduled_tasks.picked
                              and scheduled_tasks.execution_time > excluded.execution_time""")
                        .param("task", taskName)
                        .param("instance", instanceId)
                        .param("at", Timestamp.from(executeAt))
                        .update()
                == 1;
        if (changed) {
            wakeAfterCommit(executeAt);
        }
        return changed;
    }

    /** The scheduler can only see the execution once we committed. */
    private void wakeAfterCommit(Instant executeAt) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wakeups.wakeAt(executeAt);
                }
            });
        } else {
            wakeups.wakeAt(executeAt);
        }
    }

    /**
     * For unexpected job failures (database unreachable, a bug): retry with exponential backoff capped at
     * {@code max}, forever. Jobs keep their own business retry limits; this only keeps work from being lost.
     */
    public static <T> FailureHandler<T> retryWithCappedBackoff(Duration first, Duration max) {
        return (complete, operations) -> {
            int failures = Math.min(complete.getExecution().consecutiveFailures, 20);
            long delay = Math.min(max.toMillis(), first.toMillis() * (1L << failures));
            operations.reschedule(complete, complete.getTimeDone().plusMillis(delay));
        };
    }
}
