package io.parley.notifications.internal.send;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Seed 004's per-recipient limits for notifications (ADR 64): 10 emails an hour, 30 messages a minute on any other
 * channel, per member of staff and channel, counting notifications sent (test sends are neither limited nor
 * counted). A notification over the limit is deferred to when the limit allows it, never dropped.
 */
@Component
class RecipientLimits {
    record Limit(int max, Duration window) {}

    static final Limit EMAIL = new Limit(10, Duration.ofHours(1));
    static final Limit CHAT = new Limit(30, Duration.ofMinutes(1));

    private final NotificationRepository notifications;

    RecipientLimits(NotificationRepository notifications) {
        this.notifications = notifications;
    }

    static Limit of(String channel) {
        return channel.equals("email") ? EMAIL : CHAT;
    }

    /** When the notification may be sent, if not now. */
    Optional<Instant> deferral(NotificationRow row, Instant now) {
        if (row.test()) {
            return Optional.empty();
        }
        Limit limit = of(row.channel());
        return notifications
                .nthRecentSend(row.staffUserId(), row.channel(), now.minus(limit.window()), limit.max())
                .map(oldest -> oldest.plus(limit.window()).plusMillis(1));
    }
}
