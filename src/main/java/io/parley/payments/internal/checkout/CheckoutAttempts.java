package io.parley.payments.internal.checkout;

import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.payments.Payment;
import io.parley.payments.PaymentId;
import io.parley.payments.PaymentSettled;
import io.parley.payments.PaymentStatus;
import io.parley.payments.internal.PaymentRepository;
import io.parley.payments.internal.StripeProperties;
import io.parley.payments.internal.connect.StripeIntegration;
import io.parley.payments.internal.connect.StripeIntegrationRepository;
import io.parley.platform.PublicUrl;
import io.parley.platform.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One attempt to create a payment's Checkout Session. Returns when to try again, or empty when done: the session is
 * open, or the payment failed (Stripe refused it, the organization has no Stripe, or retries ran out), which records
 * the ERROR event {@code payment.checkout_failed} and publishes {@link PaymentSettled} in one transaction: the failed
 * payment, with its {@code lastError}, is the dead letter.
 */
@Component
class CheckoutAttempts {
    /** Stripe accepts expires_at 30 minutes to 24 hours ahead; a minute of margin each side for clock skew. */
    static final Duration MIN_EXPIRY = Duration.ofMinutes(31);

    static final Duration MAX_EXPIRY = Duration.ofHours(24).minusMinutes(1);

    private static final Logger log = LoggerFactory.getLogger(CheckoutAttempts.class);
    private final PaymentRepository payments;
    private final StripeIntegrationRepository integrations;
    private final StripeClient stripe;
    private final StripeProperties properties;
    private final PublicUrl publicUrl;
    private final SystemEvents events;
    private final ApplicationEventPublisher publisher;
    private final TransactionTemplate transaction;
    private final RetryPolicy policy;
    private final Clock clock;

    CheckoutAttempts(
            PaymentRepository payments,
            StripeIntegrationRepository integrations,
            StripeClient stripe,
            StripeProperties properties,
            PublicUrl publicUrl,
            SystemEvents events,
            ApplicationEventPublisher publisher,
            TransactionTemplate transaction,
            Clock clock) {
        this.payments = payments;
        this.integrations = integrations;
        this.stripe = stripe;
        this.properties = properties;
        this.publicUrl = publicUrl;
        this.events = events;
        this.publisher = publisher;
        this.transaction = transaction;
        this.policy = properties.retryPolicy();
        this.clock = clock;
    }

    Optional<Instant> attempt(PaymentId id) {
        PaymentRepository.Row row = payments.find(id).orElse(null);
        if (row == null || row.payment().status() != PaymentStatus.CREATED) {
            return Optional.empty();
        }
        Payment payment = row.payment();
        int attempts = row.attempts() + 1;
        Optional<StripeIntegration> integration = integrations.findByOrganization(payment.organizationId());
        if (integration.isEmpty()) {
            fail(payment, attempts, "stripe_not_connected");
            return Optional.empty();
        }
        String key = "parley-payment-" + payment.id() + "-" + row.keyGeneration();
        StripeAnswer answer = stripe.createCheckoutSession(
                integration.get().secretKey(),
                key,
                CheckoutForm.of(payment, successUrl(), cancelUrl(), expiresAt(payment)));
        Instant now = clock.instant();
        switch (answer) {
            case StripeAnswer.Session created -> {
                opened(payment, created.session(), attempts, now);
                return Optional.empty();
            }
            case StripeAnswer.RetryLater retry
            when policy.allows(attempts) -> {
                payments.failedAttempt(id, attempts, retry.reason(), retry.answered(), now);
                log.info("Checkout for payment {} failed ({}), attempt {}; retrying", id, retry.reason(), attempts);
                return Optional.of(now.plus(policy.delayBefore(attempts, null, ThreadLocalRandom.current())));
            }
            case StripeAnswer.RetryLater retry -> {
                fail(payment, attempts, retry.reason() + "; retries exhausted");
                return Optional.empty();
            }
            case StripeAnswer.Rejected rejected -> {
                fail(payment, attempts, rejected.reason());
                return Optional.empty();
            }
        }
    }

    /** The session's expiry: the payment's, kept inside what Stripe accepts from now. */
    private Instant expiresAt(Payment payment) {
        Instant now = clock.instant();
        Instant wanted = payment.expiresAt();
        Instant earliest = now.plus(MIN_EXPIRY);
        Instant latest = now.plus(MAX_EXPIRY);
        return wanted.isBefore(earliest) ? earliest : wanted.isAfter(latest) ? latest : wanted;
    }

    private void opened(Payment payment, CheckoutSession session, int attempts, Instant now) {
        transaction.executeWithoutResult(status -> {
            if (payments.opened(payment.id(), session.id(), session.url(), session.livemode(), attempts, now)) {
                events.record(SystemEvent.of(SystemEvent.Level.INFO, "payment.opened")
                        .organization(payment.organizationId())
                        .with("paymentId", payment.id().toString())
                        .with("checkoutSessionId", session.id())
                        .with("attempts", attempts)
                        .build());
            }
        });
    }

    private void fail(Payment payment, int attempts, String error) {
        transaction.executeWithoutResult(status -> {
            if (!payments.move(
                    payment.id(), PaymentStatus.CREATED, PaymentStatus.FAILED, false, error, clock.instant())) {
                return;
            }
            SystemEvent.Builder event = SystemEvent.of(SystemEvent.Level.ERROR, "payment.checkout_failed")
                    .organization(payment.organizationId())
                    .with("paymentId", payment.id().toString())
                    .with("attempts", attempts)
                    .with("error", error);
            if (payment.conversationId() != null) {
                event.conversation(payment.conversationId());
            }
            events.record(event.build());
            publisher.publishEvent(new PaymentSettled(
                    payment.id(),
                    payment.organizationId(),
                    payment.reference(),
                    payment.conversationId(),
                    payment.contactId(),
                    PaymentStatus.FAILED,
                    false));
        });
    }

    private String successUrl() {
        return properties.successUrl().isBlank()
                ? publicUrl.resolve("/pay/done?session_id={CHECKOUT_SESSION_ID}")
                : properties.successUrl();
    }

    private String cancelUrl() {
        return properties.cancelUrl().isBlank() ? publicUrl.resolve("/pay/cancelled") : properties.cancelUrl();
    }
}
