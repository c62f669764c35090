package io.parley.retention;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.parley.access.StaffSessionRetention;
import io.parley.conversation.Conversations;
import io.parley.delivery.Deliveries;
import io.parley.events.SystemEvents;
import io.parley.retention.internal.ContentSweep;
import java.time.Clock;
import java.time.Instant;
import java.util.function.IntUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Deletes rows past their retention and applies each organization's message content retention. A db-scheduler
 * recurring task, so one node sweeps at a time across a cluster. API callers' {@code Idempotency-Key}s expire after
 * {@code idempotency-records} (24 h): the same key later is a new request. Staff sessions go a day (by default)
 * after they ended, failed logins a day after they happened (the login throttle counts only the last 15 minutes).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
public class RetentionSweep {
    public static final String TASK = "retention-sweep";
    private static final Logger log = LoggerFactory.getLogger(RetentionSweep.class);

    /**
     * @param messages       messages anonymized or deleted by organizations' content retention
     * @param toolExecutions tool executions whose arguments and results were cleared with them
     * @param staffSessions  staff sessions deleted after they expired or were revoked
     * @param loginFailures  failed staff logins deleted
     */
    public record Result(
            int inboundEvents,
            int systemEvents,
            int idempotencyRecords,
            int messages,
            int toolExecutions,
            int staffSessions,
            int loginFailures) {
        /** Rows deleted or changed, all kinds together. */
        public int total() {
            return inboundEvents
                    + systemEvents
                    + idempotencyRecords
                    + messages
                    + toolExecutions
                    + staffSessions
                    + loginFailures;
        }
    }

    private final Conversations conversations;
    private final SystemEvents events;
    private final Deliveries deliveries;
    private final StaffSessionRetention staff;
    private final ContentSweep content;
    private final RetentionProperties properties;
    private final Clock clock;

    RetentionSweep(
            Conversations conversations,
            SystemEvents events,
            Deliveries deliveries,
            StaffSessionRetention staff,
            ContentSweep content,
            RetentionProperties properties,
            Clock clock) {
        this.conversations = conversations;
        this.events = events;
        this.deliveries = deliveries;
        this.staff = staff;
        this.content = content;
        this.properties = properties;
        this.clock = clock;
    }

    /** One sweep now; the recurring task calls this too. */
    public Result sweep() {
        Instant now = clock.instant();
        Instant idempotencyCutoff = now.minus(properties.idempotencyRecords());
        Instant sessionCutoff = now.minus(properties.staffSessions());
        Instant failureCutoff = now.minus(properties.loginFailures());
        int idempotencyRecords = inBatches(batch -> deliveries.expireIdempotencyKeys(idempotencyCutoff, batch));
        int staffSessions = inBatches(batch -> staff.deleteSessionsEndedBefore(sessionCutoff, batch));
        int loginFailures = inBatches(batch -> staff.deleteLoginFailuresBefore(failureCutoff, batch));
        ContentSweep.Counts counts = content.sweep(now, properties.batchSize());
        Result result = new Result(
                conversations.forgetInboundEventsBefore(now.minus(properties.inboundEvents())),
                events.deleteOccurredBefore(now.minus(properties.systemEvents())),
                idempotencyRecords,
                counts.messages(),
                counts.toolExecutions(),
                staffSessions,
                loginFailures);
        if (result.total() > 0) {
            log.info(
                    "Retention sweep: {} inbound events, {} system events, {} idempotency records, {} staff "
                            + "sessions, {} login failures deleted; {} messages and {} tool executions past content "
                            + "retention",
                    result.inboundEvents(),
                    result.systemEvents(),
                    result.idempotencyRecords(),
                    result.staffSessions(),
                    result.loginFailures(),
                    result.messages(),
                    result.toolExecutions());
        }
        return result;
    }

    /** Runs {@code step} (at most one batch of rows each) until a step finds less than a full batch. */
    private int inBatches(IntUnaryOperator step) {
        int total = 0;
        int done;
        do {
            done = step.applyAsInt(properties.batchSize());
            total += done;
        } while (done == properties.batchSize());
        return total;
    }

    @Bean
    RecurringTask<Void> retentionSweepTask() {
        return Tasks.recurring(TASK, FixedDelay.of(properties.interval())).execute((instance, context) -> sweep());
    }
}
