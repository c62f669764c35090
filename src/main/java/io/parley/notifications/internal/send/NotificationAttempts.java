package io.parley.notifications.internal.send;

import io.parley.delivery.SendOutcome;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.notifications.RenderedNotification;
import io.parley.notifications.StaffChannel;
import io.parley.notifications.StaffDelivery;
import io.parley.notifications.internal.StaffChannels;
import io.parley.notifications.internal.template.NotificationTemplate;
import io.parley.notifications.internal.template.NotificationTemplates;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One attempt of one staff notification: waits for the recipient's limit, renders the template for the channel and
 * hands it over. Returns when to run again, or empty when finished (sent, dead, or gone). Retries follow
 * {@link RetryPolicy#SEED_DEFAULT} (1 s, 2 s, 4 s with jitter); throttling does not spend the budget; a permanent
 * failure or an exhausted budget makes the notification dead and records {@code notification.delivery_dead}.
 */
@Component
class NotificationAttempts {
    private static final Logger log = LoggerFactory.getLogger(NotificationAttempts.class);
    static final RetryPolicy POLICY = RetryPolicy.SEED_DEFAULT;

    private final NotificationRepository notifications;
    private final StaffChannels channels;
    private final NotificationTemplates templates;
    private final RecipientLimits limits;
    private final NotificationMetrics metrics;
    private final SystemEvents events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    NotificationAttempts(
            NotificationRepository notifications,
            StaffChannels channels,
            NotificationTemplates templates,
            RecipientLimits limits,
            NotificationMetrics metrics,
            SystemEvents events,
            TransactionTemplate transaction,
            Clock clock) {
        this.notifications = notifications;
        this.channels = channels;
        this.templates = templates;
        this.limits = limits;
        this.metrics = metrics;
        this.events = events;
        this.transaction = transaction;
        this.clock = clock;
    }

    Optional<Instant> attempt(UUID id) {
        NotificationRow row = notifications.find(id).orElse(null);
        if (row == null || !row.status().equals("queued")) {
            return Optional.empty();
        }
        Optional<StaffChannel> channel = channels.find(row.channel());
        if (channel.isEmpty()) {
            return dead(row, row.attempts(), "staff_channel_unavailable", false);
        }
        Optional<Instant> deferred = limits.deferral(row, clock.instant());
        if (deferred.isPresent()) {
            return deferred;
        }
        RenderedNotification content;
        try {
            content = render(row, channel.get());
        } catch (InvalidRequestException e) {
            return dead(row, row.attempts(), e.code(), false);
        }
        int attempts = row.attempts() + 1;
        SendOutcome outcome = send(channel.get(), row, content);
        return settle(row, attempts, outcome);
    }

    private RenderedNotification render(NotificationRow row, StaffChannel channel) {
        NotificationTemplate template = templates
                .find(row.organizationId(), row.template())
                .orElseThrow(() -> new InvalidRequestException("notification_template_unknown", row.template()))
                .template();
        Map<String, String> values = new LinkedHashMap<>(row.variables());
        if (!row.test()) {
            // An event gives what it has; a variable it lacks is empty rather than a lost notification.
            template.variables().forEach(v -> values.putIfAbsent(v, ""));
        }
        return templates.renderer().render(template, channel, values);
    }

    private static SendOutcome send(StaffChannel channel, NotificationRow row, RenderedNotification content) {
        try {
            return channel.send(new StaffDelivery(
                    row.id(), row.organizationId(), row.staffUserId(), row.address(), row.via(), content));
        } catch (RuntimeException e) {
            log.warn("Staff channel {} threw on notification {}: {}", row.channel(), row.id(), e.getClass());
            return new SendOutcome.RetryLater(
                    "staff_channel_error", e.getClass().getSimpleName(), null);
        }
    }

    private Optional<Instant> settle(NotificationRow row, int attempts, SendOutcome outcome) {
        Instant now = clock.instant();
        switch (outcome) {
            case SendOutcome.Sent ignored -> {
                notifications.sent(row.id(), attempts, now);
                metrics.sent(row.channel(), Duration.between(row.requestedAt(), now));
                return Optional.empty();
            }
            case SendOutcome.Rejected rejected -> {
                return dead(row, attempts, rejected.code(), rejected.alert());
            }
            case SendOutcome.RetryLater later
            when later.throttled() -> {
                Duration wait = later.notBefore() == null ? Duration.ofSeconds(1) : later.notBefore();
                return Optional.of(now.plus(wait));
            }
            case SendOutcome.RetryLater later -> {
                return retry(row, attempts, later.code(), later.notBefore(), now);
            }
            case SendOutcome.Unconfirmed unconfirmed -> {
                // A staff notification may arrive twice rather than never; the delivery id lets a channel dedupe.
                return retry(row, attempts, unconfirmed.code(), null, now);
            }
        }
    }

    private Optional<Instant> retry(NotificationRow row, int attempts, String code, Duration hint, Instant now) {
        if (!POLICY.allows(attempts)) {
            return dead(row, attempts, code, false);
        }
        notifications.failedAttempt(row.id(), attempts, code);
        metrics.failed(row.channel());
        return Optional.of(now.plus(POLICY.delayBefore(attempts, hint, ThreadLocalRandom.current())));
    }

    private Optional<Instant> dead(NotificationRow row, int attempts, String code, boolean alert) {
        transaction.executeWithoutResult(status -> {
            if (notifications.dead(row.id(), attempts, code, clock.instant())) {
                events.record(SystemEvent.of(
                                alert ? SystemEvent.Level.ERROR : SystemEvent.Level.WARN, "notification.delivery_dead")
                        .organization(row.organizationId())
                        .with("notificationId", row.id().toString())
                        .with("staffUserId", row.staffUserId().toString())
                        .with("channel", row.channel())
                        .with("template", row.template())
                        .with("attempts", attempts)
                        .with("code", code)
                        .with("alert", alert)
                        .build());
                metrics.dead(row.channel());
            }
        });
        log.info("Staff notification {} on {} is dead: {}", row.id(), row.channel(), code);
        return Optional.empty();
    }
}
