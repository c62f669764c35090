package io.parley.alerts.internal;

import io.parley.events.StoredEvent;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.RetryPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One attempt of one alert delivery. Returns when to try again, or empty when the delivery is finished: sent,
 * dead (a permanent failure or retries exhausted), or gone (its sink or event was deleted).
 *
 * <p>A dead delivery records {@code alert.delivery_failed} in the same transaction; {@code alert.*} events are
 * never routed to sinks, so a failing sink cannot feed itself.
 */
@Component
class AlertAttempts {
    private static final Logger log = LoggerFactory.getLogger(AlertAttempts.class);
    private final AlertDeliveryRepository deliveries;
    private final AlertSinkRepository sinks;
    private final SystemEvents events;
    private final Map<AlertSink.Type, AlertTransport> transports;
    private final RetryPolicy policy;
    private final TransactionTemplate transaction;
    private final Clock clock;

    AlertAttempts(
            AlertDeliveryRepository deliveries,
            AlertSinkRepository sinks,
            SystemEvents events,
            List<AlertTransport> transports,
            AlertProperties properties,
            TransactionTemplate transaction,
            Clock clock) {
        this.deliveries = deliveries;
        this.sinks = sinks;
        this.events = events;
        this.transports = transports.stream().collect(Collectors.toMap(AlertTransport::type, Function.identity()));
        this.policy = properties.retryPolicy();
        this.transaction = transaction;
        this.clock = clock;
    }

    Optional<Instant> attempt(UUID deliveryId) {
        AlertDeliveryRepository.Row row = deliveries.find(deliveryId).orElse(null);
        if (row == null || !row.status().equals("pending")) {
            return Optional.empty();
        }
        Optional<AlertSink> sink = sinks.find(row.sinkId());
        Optional<StoredEvent> event = events.find(row.eventId());
        if (sink.isEmpty() || event.isEmpty()) {
            return Optional.empty(); // cascades remove the row with its sink or event
        }
        int attempts = row.attempts() + 1;
        SinkOutcome outcome = transports.get(sink.get().type()).send(sink.get(), deliveryId, event.get());
        switch (outcome) {
            case SinkOutcome.Sent ignored -> {
                deliveries.delivered(deliveryId, attempts);
                return Optional.empty();
            }
            case SinkOutcome.Failed failed
            when failed.retriable() && policy.allows(attempts) -> {
                deliveries.failedAttempt(deliveryId, attempts, failed.error());
                log.info("Alert delivery {} failed ({}), attempt {}; retrying", deliveryId, failed.error(), attempts);
                return Optional.of(
                        clock.instant().plus(policy.delayBefore(attempts, null, ThreadLocalRandom.current())));
            }
            case SinkOutcome.Failed failed -> {
                deadLetter(deliveryId, attempts, failed.error(), sink.get(), event.get());
                return Optional.empty();
            }
        }
    }

    private void deadLetter(UUID deliveryId, int attempts, String error, AlertSink sink, StoredEvent event) {
        transaction.executeWithoutResult(status -> {
            deliveries.dead(deliveryId, attempts, error);
            events.record(SystemEvent.of(SystemEvent.Level.ERROR, "alert.delivery_failed")
                    .organization(sink.organizationId())
                    .with("deliveryId", deliveryId.toString())
                    .with("sinkId", sink.id().toString())
                    .with("sinkType", sink.type().name().toLowerCase(java.util.Locale.ROOT))
                    .with("eventId", event.id())
                    .with("eventType", event.event().type())
                    .with("attempts", attempts)
                    .with("error", error)
                    .build());
        });
    }
}
