package io.parley.delivery.internal;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parley.delivery.ChannelSender;
import io.parley.delivery.DeliveryProperties;
import io.parley.delivery.OutboundEnvelope;
import io.parley.delivery.OutboundRetention;
import io.parley.delivery.SendOutcome;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.LogContext;
import io.parley.platform.OutboundMessageId;
import io.parley.platform.RetryPolicy;
import io.parley.platform.channel.ChannelType;
import io.parley.platform.channel.Channels;
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
    private final Map<ChannelType, ChannelSender> senders;
    private final SystemEvents events;
    private final DeadLetterRepository deadLetters;
    private final Pacer pacer;
    private final WindowGate windowGate;
    private final RetryPolicy policy;
    private final RetryPolicy throttlePolicy;
    private final DeliveryProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Channels channels;

    DeliveryAttempts(
            OutboundRepository repository,
            List<ChannelSender> senders,
            SystemEvents events,
            DeadLetterRepository deadLetters,
            Pacer pacer,
            WindowGate windowGate,
            DeliveryProperties properties,
            Clock clock,
            MeterRegistry meters,
            Channels channels) {
        this.channels = channels;
        this.repository = repository;
        this.senders = senders.stream().collect(Collectors.toMap(ChannelSender::channel, Function.identity()));
        this.events = events;
        this.deadLetters = deadLetters;
        this.pacer = pacer;
        this.windowGate = windowGate;
        this.policy = properties.retryPolicy();
        this.throttlePolicy = properties.throttlePolicy();
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Returns when to look again, or empty when the message reached a final state. Before sending: an unconfirmed
     * earlier attempt waits for its status report, an older message of the conversation goes first, and the
     * pacer must hand out a token. None of these count as attempts.
     */
    Optional<Instant> attempt(OutboundMessageId id) {
        Optional<OutboundRepository.Candidate> found =
                repository.findCandidate(id).filter(c -> c.row().status().rank() <= 1);
        if (found.isEmpty()) {
            return Optional.empty(); // deleted, or already sent/failed (or confirmed by a status report)
        }
        OutboundRow row = found.get().row();
        if (row.contentRemoved()) {
            removed(row);
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (row.unconfirmedAt() != null
                && row.unconfirmedAt().plus(properties.confirmationWait()).isAfter(now)) {
            return Optional.of(row.unconfirmedAt().plus(properties.confirmationWait()));
        }
        if (found.get().olderPending()) {
            return Optional.of(now.plus(properties.fifoWait()));
        }
        // Outside the contact's 24-hour window: a template instead, or window_closed (ADR 21).
        Optional<OutboundRow> admitted = windowGate.admit(row, now);
        if (admitted.isEmpty()) {
            return Optional.empty();
        }
        row = admitted.get();
        if (!repository.startAttempt(id)) {
            return Optional.empty();
        }
        // The token is taken last, just before the request: time spent waiting for a database connection after
        // taking it would bunch requests at Meta beyond the rate the bucket allows.
        Optional<Instant> paced = pacer.acquire(row);
        if (paced.isPresent()) {
            repository.undoAttempt(id);
            return paced;
        }
        try (LogContext ignored = LogContext.open()
                .trace(row.traceId())
                .organization(row.organizationId())
                .conversation(row.conversationId())
                .channel(row.channel())) {
            int attempt = row.attempts() + 1;
            Timer.Sample sample = Timer.start(meters);
            SendOutcome outcome = send(row, attempt);
            Optional<Instant> next = settle(row, attempt, outcome);
            sample.stop(meters.timer(
                    "parley.delivery", "channel", row.channel().wireName(), "outcome", outcomeTag(outcome, next)));
            return next;
        }
    }

    private SendOutcome send(OutboundRow row, int attempt) {
        ChannelSender sender = senders.get(row.channel());
        if (sender == null) {
            return new SendOutcome.Rejected("no_sender", "No sender for channel " + row.channel(), true);
        }
        try {
            return sender.send(new OutboundEnvelope(
                    row.id(),
                    row.organizationId(),
                    row.channelAccountId(),
                    row.recipient(),
                    row.content(),
                    row.contextMessageId(),
                    attempt));
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
            case SendOutcome.RetryLater retry
            when retry.throttled() -> {
                int throttle = row.throttles() + 1; // 4 s, 16 s, 64 s ... and not counted as a retry
                if (!throttlePolicy.allows(throttle)) {
                    fail(
                            row,
                            attempt,
                            retry.code(),
                            "Still throttled after " + row.throttles() + " backoffs: " + retry.reason(),
                            true,
                            "delivery.retries_exhausted",
                            SystemEvent.Level.ERROR);
                    return Optional.empty();
                }
                repository.markRetrying(row.id(), retry.code(), retry.reason(), true);
                return Optional.of(retryAt(throttlePolicy, throttle, retry.notBefore(), attempt, retry.code()));
            }
            case SendOutcome.RetryLater retry -> {
                int retryNumber = attempt - row.throttles(); // attempt 1 failed → retry number 1
                if (!policy.allows(retryNumber)) {
                    fail(
                            row,
                            attempt,
                            retry.code(),
                            "Gave up after " + attempt + " attempts: " + retry.reason(),
                            true,
                            "delivery.retries_exhausted",
                            SystemEvent.Level.ERROR);
                    return Optional.empty();
                }
                repository.markRetrying(row.id(), retry.code(), retry.reason(), false);
                return Optional.of(retryAt(policy, retryNumber, retry.notBefore(), attempt, retry.code()));
            }
            case SendOutcome.Unconfirmed unconfirmed -> {
                // Meta may have accepted it: its status report (carrying our id) settles it; only without one
                // within the confirmation wait is it sent again (ADR 18).
                if (!policy.allows(attempt - row.throttles())) {
                    fail(
                            row,
                            attempt,
                            unconfirmed.code(),
                            "Gave up after " + attempt + " attempts: " + unconfirmed.reason(),
                            true,
                            "delivery.retries_exhausted",
                            SystemEvent.Level.ERROR);
                    return Optional.empty();
                }
                Instant now = clock.instant();
                repository.markUnconfirmed(row.id(), unconfirmed.code(), unconfirmed.reason(), now);
                log.info(
                        "Delivery attempt {} unconfirmed ({}); waiting for a status report",
                        attempt,
                        unconfirmed.code());
                return Optional.of(now.plus(properties.confirmationWait()));
            }
            // The window closed between WindowGate's check and the send (the channel classifies its code).
            case SendOutcome.Rejected rejected
            when channels.closesWindow(row.channel(), rejected.code()) -> {
                windowGate.close(
                        row, attempt, channels.definition(row.channel()).windowClosedReason(rejected.code()));
                return Optional.empty();
            }
            case SendOutcome.Rejected rejected -> {
                fail(
                        row,
                        attempt,
                        rejected.code(),
                        rejected.reason(),
                        false,
                        rejected.alert() ? "delivery.credentials_rejected" : "delivery.rejected",
                        rejected.alert() ? SystemEvent.Level.CRITICAL : SystemEvent.Level.ERROR);
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
                    .organization(row.organizationId())
                    .conversation(row.conversationId())
                    .with("outboundMessageId", row.id().toString())
                    .with("channel", row.channel().wireName())
                    .with("providerMessageId", providerMessageId)
                    .build());
        }
    }

    private Instant retryAt(RetryPolicy retryPolicy, int number, java.time.Duration hint, int attempt, String code) {
        Instant at = clock.instant().plus(retryPolicy.delayBefore(number, hint, ThreadLocalRandom.current()));
        log.info("Delivery attempt {} failed ({}); retrying at {}", attempt, code, at);
        return at;
    }

    /** Failed for good: the status, a dead letter, and a system event naming it. */
    private void fail(
            OutboundRow row,
            int attempts,
            String code,
            String reason,
            boolean transientFailure,
            String eventType,
            SystemEvent.Level level) {
        repository.markFailed(row.id(), code, reason);
        UUID deadLetter = deadLetters.insert(row, attempts, code, reason, transientFailure);
        events.record(SystemEvent.of(level, eventType)
                .organization(row.organizationId())
                .conversation(row.conversationId())
                .with("outboundMessageId", row.id().toString())
                .with("channel", row.channel().wireName())
                .with("code", code)
                .with("reason", reason)
                .with("deadLetterId", deadLetter.toString())
                .with("transient", transientFailure)
                .build());
    }

    /**
     * Content retention anonymized the payload before it went out: there is nothing to send, now or on a replay, so
     * the message fails without a retry and without a dead letter.
     */
    private void removed(OutboundRow row) {
        repository.markFailed(row.id(), OutboundRetention.CONTENT_REMOVED, "Content removed by retention policy");
        events.record(SystemEvent.of(SystemEvent.Level.WARN, "delivery.content_removed")
                .organization(row.organizationId())
                .conversation(row.conversationId())
                .with("outboundMessageId", row.id().toString())
                .with("channel", row.channel().wireName())
                .build());
    }

    private static String outcomeTag(SendOutcome outcome, Optional<Instant> next) {
        return switch (outcome) {
            case SendOutcome.Sent s -> "sent";
            case SendOutcome.RetryLater r -> next.isPresent() ? "retry" : "exhausted";
            case SendOutcome.Unconfirmed u -> next.isPresent() ? "unconfirmed" : "exhausted";
            case SendOutcome.Rejected r -> "rejected";
        };
    }
}
