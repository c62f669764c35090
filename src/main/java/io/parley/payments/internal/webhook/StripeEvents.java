package io.parley.payments.internal.webhook;

import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.payments.Payment;
import io.parley.payments.PaymentId;
import io.parley.payments.PaymentStatus;
import io.parley.payments.internal.PaymentRepository;
import io.parley.payments.internal.PaymentTransitions;
import io.parley.payments.internal.checkout.CheckoutSession;
import io.parley.payments.internal.checkout.SessionChecks;
import io.parley.payments.internal.connect.StripeIntegration;
import io.parley.platform.NulCharacters;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Applies one verified Stripe event, in the transaction that stores it: a redelivery (same event id) finds the row
 * and does nothing; a new event moves its payment forward through {@link PaymentTransitions}. Events of sessions
 * Parley did not create (the account's other business) are stored and ignored.
 *
 * <p>{@code checkout.session.completed} with {@code payment_status} paid (or no_payment_required) → paid; unpaid →
 * waits for {@code async_payment_succeeded} (→ paid) or {@code async_payment_failed} (→ failed);
 * {@code checkout.session.expired} → expired.
 */
@Component
class StripeEvents {
    private final StripeEventRepository stored;
    private final PaymentRepository payments;
    private final PaymentTransitions transitions;
    private final SystemEvents events;
    private final Clock clock;

    StripeEvents(
            StripeEventRepository stored,
            PaymentRepository payments,
            PaymentTransitions transitions,
            SystemEvents events,
            Clock clock) {
        this.stored = stored;
        this.payments = payments;
        this.transitions = transitions;
        this.events = events;
        this.clock = clock;
    }

    /** Returns what the event did: {@code duplicate}, {@code ignored}, {@code moved}, {@code mismatch} … */
    @Transactional
    public String receive(StripeIntegration integration, String eventId, String type, JsonNode event, String body) {
        long row = stored.insertIfAbsent(
                integration.organizationId(), eventId, type, NulCharacters.strip(body), clock.instant());
        if (row < 0) {
            return "duplicate";
        }
        String outcome = apply(integration, eventId, type, event);
        stored.outcome(row, outcome);
        return outcome;
    }

    private String apply(StripeIntegration integration, String eventId, String type, JsonNode event) {
        Optional<PaymentStatus> target = target(type, event);
        if (target.isEmpty()) {
            return "ignored";
        }
        CheckoutSession session = CheckoutSession.from(event.path("data").path("object"));
        Optional<Payment> payment = paymentOf(integration, session);
        if (payment.isEmpty()) {
            return "not_parleys";
        }
        List<String> mismatches = SessionChecks.mismatches(payment.get(), session, integration.livemode());
        if (!mismatches.isEmpty()) {
            events.record(SystemEvent.of(SystemEvent.Level.ERROR, "payment.mismatch")
                    .organization(integration.organizationId())
                    .with("paymentId", payment.get().id().toString())
                    .with("eventId", eventId)
                    .with("eventType", type)
                    .with("fields", String.join(",", mismatches))
                    .build());
            return "mismatch";
        }
        PaymentTransitions.Result result = transitions.move(
                payment.get(),
                target.get(),
                "webhook",
                Map.of("eventId", eventId, "checkoutSessionId", String.valueOf(session.id())));
        return result.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static Optional<PaymentStatus> target(String type, JsonNode event) {
        return switch (type) {
            case "checkout.session.completed" ->
                CheckoutSession.from(event.path("data").path("object")).paid()
                        ? Optional.of(PaymentStatus.PAID)
                        : Optional.empty();
            case "checkout.session.async_payment_succeeded" -> Optional.of(PaymentStatus.PAID);
            case "checkout.session.async_payment_failed" -> Optional.of(PaymentStatus.FAILED);
            case "checkout.session.expired" -> Optional.of(PaymentStatus.EXPIRED);
            default -> Optional.empty();
        };
    }

    /** By the session id Parley stored, else (the webhook outran Stripe's answer) by the payment id in metadata. */
    private Optional<Payment> paymentOf(StripeIntegration integration, CheckoutSession session) {
        if (session.id() != null) {
            Optional<PaymentRepository.Row> bySession =
                    payments.findBySession(integration.organizationId(), session.id());
            if (bySession.isPresent()) {
                return bySession.map(PaymentRepository.Row::payment);
            }
        }
        String named = SessionChecks.paymentIdOf(session);
        if (named == null) {
            return Optional.empty();
        }
        try {
            return payments.find(integration.organizationId(), new PaymentId(UUID.fromString(named)))
                    .map(PaymentRepository.Row::payment);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
