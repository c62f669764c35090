package io.parley.payments.internal;

import io.parley.actionlinks.ActionLink;
import io.parley.actionlinks.ActionOutcome;
import io.parley.actionlinks.ActionPrompt;
import io.parley.actionlinks.ActionPurpose;
import io.parley.payments.Payment;
import io.parley.payments.PaymentId;
import io.parley.payments.Payments;
import io.parley.platform.NotFoundException;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The action link {@code deposit.pay}: its subject is a payment id, and using it sends the customer to the payment's
 * Stripe Checkout page (303). The link is Parley's own because the session is created by a job after the turn that
 * sends the link (ADR 56): until Stripe has answered, the link says "try again in a moment" and keeps its use. A
 * paid, expired or failed payment gets a page saying so.
 */
@Component
class DepositPay implements ActionPurpose {
    static final String PURPOSE = "deposit.pay";
    private static final Logger log = LoggerFactory.getLogger(DepositPay.class);

    private final Payments payments;

    DepositPay(Payments payments) {
        this.payments = payments;
    }

    @Override
    public String purpose() {
        return PURPOSE;
    }

    @Override
    public ActionPrompt prompt(ActionLink link) {
        String text = payment(link)
                .map(p -> p.label() + ": " + amount(p.amountMinor(), p.currency()))
                .orElse("");
        return new ActionPrompt("Pay your deposit", text, "Continue to payment");
    }

    @Override
    public ActionOutcome act(ActionLink link) {
        Optional<Payment> found = payment(link);
        if (found.isEmpty()) {
            log.warn(
                    "Action link {} names payment {}, which its organization does not have",
                    link.id(),
                    link.subjectId());
            return new ActionOutcome.Failed(
                    "payment_unavailable", "This payment is not available. Please ask us in the chat.");
        }
        Payment payment = found.get();
        return switch (payment.status()) {
            case CREATED -> preparing();
            case OPEN -> payment.url() == null ? preparing() : new ActionOutcome.Redirect(payment.url());
            case PAID -> new ActionOutcome.Done("This deposit is paid already. Thank you!");
            case EXPIRED ->
                new ActionOutcome.Failed(
                        "payment_expired", "This payment link has expired. Ask us in the chat for a new one.");
            case FAILED ->
                new ActionOutcome.Failed(
                        "payment_failed", "This payment cannot be taken right now. Please ask us in the chat.");
        };
    }

    private static ActionOutcome preparing() {
        return new ActionOutcome.Later(
                "payment_not_ready", "We are preparing your payment. Please try again in a moment.");
    }

    private Optional<Payment> payment(ActionLink link) {
        try {
            return Optional.of(payments.get(link.organizationId(), new PaymentId(UUID.fromString(link.subjectId()))));
        } catch (IllegalArgumentException | NotFoundException e) {
            return Optional.empty();
        }
    }

    /** 5000 eur → "50.00 EUR"; a currency Java does not know is shown with two decimals. */
    static String amount(long minor, String currency) {
        String code = currency.toUpperCase(Locale.ROOT);
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(code).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return BigDecimal.valueOf(minor).movePointLeft(digits).toPlainString() + " " + code;
    }
}
