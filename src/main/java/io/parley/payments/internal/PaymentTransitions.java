package io.parley.payments.internal;

import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.payments.Payment;
import io.parley.payments.PaymentSettled;
import io.parley.payments.PaymentStatus;
import java.time.Clock;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The one place a payment changes status after its session exists: forward only ({@link PaymentStatus#mayMoveTo}),
 * as a compare-and-set, with a system event ({@code payment.paid}, {@code payment.expired}, {@code payment.failed};
 * WARN {@code payment.paid_late} for a payment after expiry) and {@link PaymentSettled} in the same transaction. A
 * move that is not forward, or that lost the race, changes nothing and says so in the result.
 */
@Component
public class PaymentTransitions {
    /** What a requested move did. */
    public enum Result {
        MOVED,
        NOT_FORWARD,
        LOST_RACE
    }

    private final PaymentRepository payments;
    private final SystemEvents events;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    PaymentTransitions(
            PaymentRepository payments, SystemEvents events, ApplicationEventPublisher publisher, Clock clock) {
        this.payments = payments;
        this.events = events;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Moves {@code payment} (as read) to {@code to}; {@code source} (webhook, sweep, checkout) goes into the event. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Result move(Payment payment, PaymentStatus to, String source, Map<String, Object> details) {
        PaymentStatus from = payment.status();
        if (!from.mayMoveTo(to)) {
            return Result.NOT_FORWARD;
        }
        boolean late = to == PaymentStatus.PAID && from == PaymentStatus.EXPIRED;
        String error = details.get("error") instanceof String e ? e : null;
        if (!payments.move(payment.id(), from, to, late, error, clock.instant())) {
            return Result.LOST_RACE;
        }
        SystemEvent.Level level = to == PaymentStatus.FAILED
                ? SystemEvent.Level.ERROR
                : late ? SystemEvent.Level.WARN : SystemEvent.Level.INFO;
        SystemEvent.Builder event = SystemEvent.of(level, late ? "payment.paid_late" : "payment." + to.wireName())
                .organization(payment.organizationId())
                .with("paymentId", payment.id().toString())
                .with("from", from.wireName())
                .with("source", source)
                .with("late", late);
        if (payment.conversationId() != null) {
            event.conversation(payment.conversationId());
        }
        details.forEach(event::with);
        events.record(event.build());
        if (to != PaymentStatus.OPEN) {
            publisher.publishEvent(new PaymentSettled(
                    payment.id(),
                    payment.organizationId(),
                    payment.reference(),
                    payment.conversationId(),
                    payment.contactId(),
                    to,
                    late));
        }
        return Result.MOVED;
    }
}
