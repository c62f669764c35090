package io.parley.payments;

import io.parley.payments.internal.PaymentRepository;
import io.parley.payments.internal.checkout.CheckoutJob;
import io.parley.payments.internal.connect.StripeIntegrationRepository;
import io.parley.platform.ConflictException;
import io.parley.platform.Jobs;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payments through the organization's Stripe account (docs/api/payments.md). {@link #createCheckout} stores the
 * payment and schedules the creation of its Checkout Session in the caller's transaction (a flow step's turn), so the
 * session is asked for if and only if the payment committed, and never while the caller holds a transaction; the
 * session's URL is on {@link #get} once Stripe created it. Outcomes arrive as {@link PaymentSettled}.
 */
@Service
public class Payments {
    private final PaymentRepository payments;
    private final StripeIntegrationRepository integrations;
    private final Jobs jobs;
    private final Clock clock;

    Payments(PaymentRepository payments, StripeIntegrationRepository integrations, Jobs jobs, Clock clock) {
        this.payments = payments;
        this.integrations = integrations;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * The payment for {@code request.reference()}: created (status {@code created}, no URL yet) the first time,
     * the same payment on every later call with that reference. A reference reused for another amount, currency or
     * label is a 409 {@code payment_reference_conflict}; an organization without Stripe a 409 {@code
     * stripe_not_connected}.
     */
    @Transactional
    public Payment createCheckout(OrganizationId organization, PaymentRequest request) {
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(request, "request");
        if (integrations.findByOrganization(organization).isEmpty()) {
            throw new ConflictException("stripe_not_connected", "This organization has not connected Stripe");
        }
        Instant now = clock.instant();
        PaymentId id = new PaymentId(UUID.randomUUID());
        if (payments.insertIfAbsent(id, organization, request, now.plus(request.expiresIn()), now)) {
            jobs.scheduleIfAbsent(CheckoutJob.TASK, id.toString(), now);
        }
        Payment payment = payments.findByReference(organization, request.reference())
                .orElseThrow()
                .payment();
        if (payment.amountMinor() != request.amountMinor()
                || !payment.currency().equals(request.currency())
                || !payment.label().equals(request.label())) {
            throw new ConflictException(
                    "payment_reference_conflict",
                    "A payment with this reference exists for another amount, currency or label",
                    Map.of("paymentId", payment.id().toString()));
        }
        return payment;
    }

    /**
     * Whether the organization's Stripe keys take real money ({@code sk_live_…}/{@code rk_live_…}): empty when it has
     * not connected Stripe.
     */
    public Optional<Boolean> livemode(OrganizationId organization) {
        return integrations.findByOrganization(organization).map(integration -> integration.livemode());
    }

    /** The organization's payment; another organization's id is not found, as an unknown one. */
    public Payment get(OrganizationId organization, PaymentId id) {
        return payments.find(organization, id)
                .map(PaymentRepository.Row::payment)
                .orElseThrow(() -> new NotFoundException("payment_not_found", "No such payment"));
    }
}
