package io.parley.delivery.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.delivery.ChannelSender;
import io.parley.delivery.DeliveryProperties;
import io.parley.delivery.OutboundEnvelope;
import io.parley.delivery.RetryPolicy;
import io.parley.delivery.SendOutcome;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.LogContext;
import io.parley.platform.OutboundMessageId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Runs one delivery attempt and decides what happens next. Every attempt ends in exactly one of: sent (provider
 * id stored), retry later (bounded backoff with jitter), or failed (status, reason and a system event).
 */
@Component
class DeliveryAttempts {
    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempts.class);

    private final OutboundRepository repository;
    private final Map<String, ChannelSender> senders;
    private final SystemEvents events;
    private final RetryPolicy policy;
    private final Clock clock;
    private final MeterRegistry meters;

    DeliveryAttempts(OutboundRepository repository, List<ChannelSender> senders, SystemEvents events,
                     DeliveryProperties properties, Clock clock, MeterRegistry meters) {
        this.repository = repository;
        this.senders = senders.stream().collect(Collectors.toMap(ChannelSender::channel, Function.identity()));
        this.events = events;
        this.policy = properties.retryPolicy();
        this.clock = clock;
        this.meters = meters;
    }

    /** Returns when to try again, or empty when the message reached a final state. */
    Optional<Instant> attempt(OutboundMessageId id) {
        Optional<OutboundRow> found = repository.find(id);
        if (found.isEmpty() || !repository.startAttempt(id)) {
            return Optional.empty(); // deleted, or already sent/failed by an earlier run of this job
        }
        OutboundRow row = found.get();
        try (LogContext ignored = LogContext.open().organization(row.organizationId())
                .conversation(row.conversationId()).channel(row.channel())) {
            int attempt = row.attempts() + 1;
            Timer.Sample sample = Timer.start(meters);
            SendOutcome outcome = send(row, attempt);
            Optional<Instant> next = settle(row, attempt, outcome);
            sample.stop(meters.timer("parley.delivery", "channel", row.channel(), "outcome", outcomeTag(outcome, next)));
            return next;
        }
    }

    private SendOutcome send(OutboundRow row, int attempt) {
        ChannelSender sender = senders.get(row.channel());
        if (sender == null) {
            return new SendOutcome.Rejected("no_sender", "No sender for channel " + row.channel(), true);
        }
        try {
            return sender.send(new OutboundEnvelope(row.id(), row.organizationId(), row.channelAccountId(),
                    row.recipient(), row.text(), attempt));
        } catch (RuntimeException e) {
            // A sender bug must not lose the message: treat it as transient and let the policy bound it.
            log.error("Sender for {} threw instead of returning an outcome", row.channel(), e);
            return new SendOutcome.RetryLater("sender_error", e.getClass().getSimpleName(), null);
        }
    }

    private Optional<Instant> settle(OutboundRow row, int attempt, SendOutcome outcome) {
        switch (outcome) {
            case SendOutcome.Sent sent -> {
                markSent(row, sent.providerMessageId());
                return Optional.empty();
            }
            case SendOutcome.RetryLater retry -> {
                int retryNumber = attempt; // attempt 1 failed → retry number 1
                if (!policy.allows(retryNumber)) {
                    fail(row, retry.code(), "Gave up after " + attempt + " attempts: " + retry.reason(),
                            "delivery.retries_exhausted", SystemEvent.Level.ERROR);
                    return Optional.empty();
                }
                repository.markRetrying(row.id(), retry.code(), retry.reason());
                Instant at = clock.instant().plus(policy.delayBefore(retryNumber, retry.notBefore(),
                        ThreadLocalRandom.current()));
                log.info("Delivery attempt {} failed ({}); retrying at {}", attempt, retry.code(), at);
                return Optional.of(at);
            }
            case SendOutcome.Rejected rejected -> {
                fail(row, rejected.code(), rejected.reason(), rejected.alert() ? "delivery.credentials_rejected"
                        : "delivery.rejected", rejected.alert() ? SystemEvent.Level.CRITICAL : SystemEvent.Level.ERROR);
                return Optional.empty();
            }
        }
    }

    /**
     * The provider accepted the message, so it must never be sent again, whatever happens to the bookkeeping. A
     * provider id already held by another message (a provider bug, or a misbehaving proxy) would otherwise fail
     * the update, fail the job and resend the message on every retry: keep the message as sent without the id and
     * say so.
     */
    private void markSent(OutboundRow row, String providerMessageId) {
        try {
            repository.markSent(row.id(), providerMessageId);
        } catch (DuplicateKeyException e) {
            repository.markSent(row.id(), null);
            events.record(SystemEvent.of(SystemEvent.Level.WARN, "delivery.duplicate_provider_id")
                    .organization(row.organizationId()).conversation(row.conversationId())
                    .with("outboundMessageId", row.id().toString()).with("channel", row.channel())
                    .with("providerMessageId", providerMessageId).build());
        }
    }

    private void fail(OutboundRow row, String code, String reason, String eventType, SystemEvent.Level level) {
        repository.markFailed(row.id(), code, reason);
        events.record(SystemEvent.of(level, eventType).organization(row.organizationId())
                .conversation(row.conversationId()).with("outboundMessageId", row.id().toString())
                .with("channel", row.channel()).with("code", code).with("reason", reason).build());
    }

    private static String outcomeTag(SendOutcome outcome, Optional<Instant> next) {
        return switch (outcome) {
            case SendOutcome.Sent s -> "sent";
            case SendOutcome.RetryLater r -> next.isPresent() ? "retry" : "exhausted";
            case SendOutcome.Rejected r -> "rejected";
        };
    }
}
