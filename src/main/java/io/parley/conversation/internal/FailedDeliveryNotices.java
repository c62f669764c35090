package io.parley.conversation.internal;

import io.parley.events.SystemEventRecorded;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * A delivery of a conversation failed (the delivery module recorded it as a system event): the conversation counts
 * as changed, so open inboxes show its failed-delivery mark at once (their poller reads {@code changed_at}, which
 * the update sets through its trigger). After the event's commit, in its own statement: a failure is rare, and
 * nothing here may hold up or roll back the delivery that failed.
 */
@Component
class FailedDeliveryNotices {
    static final Set<String> FAILURES = Set.of(
            "delivery.rejected", "delivery.retries_exhausted", "delivery.failure_reported", "delivery.window_closed");

    private final JdbcClient jdbc;

    FailedDeliveryNotices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void on(SystemEventRecorded recorded) {
        if (recorded.event().conversationId() == null
                || !FAILURES.contains(recorded.event().type())) {
            return;
        }
        jdbc.sql("update conversations set changed_at = clock_timestamp() where id = :id")
                .param("id", recorded.event().conversationId().value())
                .update();
    }
}
