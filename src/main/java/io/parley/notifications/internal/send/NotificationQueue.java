package io.parley.notifications.internal.send;

import io.parley.delivery.Lane;
import io.parley.platform.Jobs;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Queues a staff notification: its row and its delivery job, in the caller's transaction, at the transactional
 * lane's priority.
 */
@Component
public class NotificationQueue {
    private final NotificationRepository notifications;
    private final Jobs jobs;
    private final NotificationMetrics metrics;

    NotificationQueue(NotificationRepository notifications, Jobs jobs, NotificationMetrics metrics) {
        this.notifications = notifications;
        this.jobs = jobs;
        this.metrics = metrics;
    }

    /** Empty when the event already had this notification. */
    public Optional<UUID> enqueue(NotificationRow row, UUID ruleId, Instant at) {
        Optional<UUID> id = notifications.insert(row, ruleId);
        id.ifPresent(created -> {
            schedule(created, at);
            metrics.enqueued(row.channel());
        });
        return id;
    }

    void schedule(UUID id, Instant at) {
        jobs.scheduleIfAbsent(NotificationJob.TASK, id.toString(), at, Lane.TRANSACTIONAL.priority());
    }
}
