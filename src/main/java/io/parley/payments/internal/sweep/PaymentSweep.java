package io.parley.payments.internal.sweep;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.payments.Payment;
import io.parley.payments.PaymentStatus;
import io.parley.payments.internal.PaymentRepository;
import io.parley.payments.internal.PaymentTransitions;
import io.parley.payments.internal.StripeProperties;
import io.parley.payments.internal.checkout.CheckoutSession;
import io.parley.payments.internal.checkout.SessionChecks;
import io.parley.payments.internal.checkout.StripeAnswer;
import io.parley.payments.internal.checkout.StripeClient;
import io.parley.payments.internal.connect.StripeIntegration;
import io.parley.payments.internal.connect.StripeIntegrationRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every {@code parley.stripe.sweep-interval}, asks Stripe about open payments past their expiry or older than
 * {@code sweep-after} (at most {@code sweep-batch}, least recently swept first): a session that is paid moves the
 * payment to paid (its webhook never came), an expired one to expired; the same forward-only rule and events as the
 * webhook. Stripe is called outside any transaction; each move is its own.
 */
@Configuration(proxyBeanMethods = false)
public class PaymentSweep {
    public static final String TASK = "stripe-payment-sweep";
    private static final Logger log = LoggerFactory.getLogger(PaymentSweep.class);

    /** How many payments a sweep looked at and moved. */
    public record Result(int checked, int paid, int expired) {}

    private final PaymentRepository payments;
    private final StripeIntegrationRepository integrations;
    private final StripeClient stripe;
    private final PaymentTransitions transitions;
    private final SystemEvents events;
    private final StripeProperties properties;
    private final TransactionTemplate transaction;
    private final Clock clock;

    PaymentSweep(
            PaymentRepository payments,
            StripeIntegrationRepository integrations,
            StripeClient stripe,
            PaymentTransitions transitions,
            SystemEvents events,
            StripeProperties properties,
            TransactionTemplate transaction,
            Clock clock) {
        this.payments = payments;
        this.integrations = integrations;
        this.stripe = stripe;
        this.transitions = transitions;
        this.events = events;
        this.properties = properties;
        this.transaction = transaction;
        this.clock = clock;
    }

    public Result sweep() {
        Instant now = clock.instant();
        List<PaymentRepository.Row> due = payments.claimForSweep(
                now,
                now.minus(properties.sweepAfter()),
                now.minus(properties.sweepInterval()),
                properties.sweepBatch());
        int paid = 0;
        int expired = 0;
        for (PaymentRepository.Row row : due) {
            Optional<PaymentStatus> moved = reconcile(row.payment());
            paid += moved.filter(PaymentStatus.PAID::equals).isPresent() ? 1 : 0;
            expired += moved.filter(PaymentStatus.EXPIRED::equals).isPresent() ? 1 : 0;
        }
        if (!due.isEmpty()) {
            log.info("Payment sweep: {} checked, {} paid, {} expired", due.size(), paid, expired);
        }
        return new Result(due.size(), paid, expired);
    }

    private Optional<PaymentStatus> reconcile(Payment payment) {
        Optional<StripeIntegration> integration = integrations.findByOrganization(payment.organizationId());
        if (integration.isEmpty()) {
            return Optional.empty();
        }
        StripeAnswer answer =
                stripe.retrieveCheckoutSession(integration.get().secretKey(), payment.checkoutSessionId());
        if (!(answer instanceof StripeAnswer.Session(CheckoutSession session))) {
            log.info("Payment sweep could not read the session of payment {}: {}", payment.id(), answer);
            return Optional.empty();
        }
        PaymentStatus target =
                session.paid() ? PaymentStatus.PAID : "expired".equals(session.status()) ? PaymentStatus.EXPIRED : null;
        if (target == null) {
            return Optional.empty();
        }
        List<String> mismatches =
                SessionChecks.mismatches(payment, session, integration.get().livemode());
        return transaction.execute(status -> {
            if (!mismatches.isEmpty()) {
                events.record(SystemEvent.of(SystemEvent.Level.ERROR, "payment.mismatch")
                        .organization(payment.organizationId())
                        .with("paymentId", payment.id().toString())
                        .with("source", "sweep")
                        .with("fields", String.join(",", mismatches))
                        .build());
                return Optional.<PaymentStatus>empty();
            }
            PaymentTransitions.Result result = transitions.move(
                    payment, target, "sweep", Map.of("checkoutSessionId", payment.checkoutSessionId()));
            return result == PaymentTransitions.Result.MOVED ? Optional.of(target) : Optional.<PaymentStatus>empty();
        });
    }

    @Bean
    RecurringTask<Void> stripePaymentSweepTask() {
        return Tasks.recurring(TASK, FixedDelay.of(properties.sweepInterval())).execute((instance, context) -> sweep());
    }
}
