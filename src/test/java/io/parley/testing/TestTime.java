package io.parley.testing;

import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Time in an integration test: move Parley's clock and run the db-scheduler executions that became due, instead of
 * waiting for them. db-scheduler reads the same clock, so an execution scheduled 30 s ahead runs after
 * {@code advance(Duration.ofSeconds(30))} and not before, however long the test takes.
 *
 * <pre>{@code
 * chat.says("Hi");
 * time.advance(DEBOUNCE);            // the burst went quiet: the turn runs, the reply is sent
 * assertThat(chat.received()).containsExactly("Hello!");
 * }</pre>
 */
public final class TestTime {
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(60);

    private final SettableClock clock;
    private final ObjectProvider<Scheduler> scheduler;
    private final JdbcClient jdbc;

    TestTime(SettableClock clock, ObjectProvider<Scheduler> scheduler, JdbcClient jdbc) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.jdbc = jdbc;
    }

    public Instant now() {
        return clock.instant();
    }

    /**
     * Runs what is due, moves the clock by {@code by}, then runs what became due, including what those executions
     * schedule for now, and returns once no execution is due or running. Running work finishes before the clock
     * moves: an execution the clock jumped past would look dead to db-scheduler (its heartbeat too old).
     */
    public void advance(Duration by) {
        runDue();
        clock.advance(by);
        runDue();
    }

    /**
     * Moves the clock and asks db-scheduler to look for due executions, without waiting for them: for a test that
     * acts while an execution runs (a message arriving during a model call). Follow it with {@link #runDue}.
     */
    public void advanceWithoutWaiting(Duration by) {
        clock.advance(by);
        scheduler.ifAvailable(Scheduler::triggerCheckForDueExecutions);
    }

    /** {@link #advance} to {@code instant}; nothing moves when it is not in the future. */
    public void advanceTo(Instant instant) {
        Duration by = Duration.between(clock.instant(), instant);
        advance(by.isNegative() ? Duration.ZERO : by);
    }

    /** Runs every due execution now and returns once none is due or running (asynchronous work: Awaitility). */
    public void runDue() {
        await().atMost(SETTLE_LIMIT)
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(20))
                .alias("db-scheduler executions due at " + clock.instant() + " to finish")
                .until(() -> {
                    scheduler.ifAvailable(Scheduler::triggerCheckForDueExecutions);
                    return unsettled().isEmpty();
                });
    }

    /** When the execution of {@code task} for {@code instance} is due, if one is scheduled. */
    public java.util.Optional<Instant> scheduled(String task, String instance) {
        return jdbc.sql(
                        "select execution_time from scheduled_tasks where task_name = :task and task_instance = :instance")
                .param("task", task)
                .param("instance", instance)
                .query(Timestamp.class)
                .optional()
                .map(Timestamp::toInstant);
    }

    private List<String> unsettled() {
        return jdbc.sql("""
                        select task_name || '/' || task_instance from scheduled_tasks
                        where picked or execution_time <= :now limit 10""")
                .param("now", Timestamp.from(clock.instant()))
                .query(String.class)
                .list();
    }
}
