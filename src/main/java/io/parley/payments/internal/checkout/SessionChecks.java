package io.parley.payments.internal.checkout;

import io.parley.payments.Payment;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a Checkout Session Stripe reports is the one Parley created for a payment: the payment id in its metadata
 * and {@code client_reference_id}, the organization, the amount, the currency, and test or live mode. Any difference
 * is a mismatch (a copied event, another integration's session, a tampered metadata): nothing moves.
 */
public final class SessionChecks {
    private SessionChecks() {}

    /** The names of the fields that differ; empty when the session is the payment's. */
    public static List<String> mismatches(Payment payment, CheckoutSession session, boolean livemode) {
        List<String> fields = new ArrayList<>();
        String id = payment.id().toString();
        if (!id.equals(session.metadata().get(CheckoutForm.PAYMENT_ID))) {
            fields.add("metadata.parley_payment_id");
        }
        if (session.clientReferenceId() != null && !id.equals(session.clientReferenceId())) {
            fields.add("client_reference_id");
        }
        if (!payment.organizationId().toString().equals(session.metadata().get(CheckoutForm.ORGANIZATION_ID))) {
            fields.add("metadata.parley_organization_id");
        }
        if (session.amountTotal() != payment.amountMinor()) {
            fields.add("amount_total");
        }
        if (!payment.currency().equalsIgnoreCase(String.valueOf(session.currency()))) {
            fields.add("currency");
        }
        if (session.livemode() != livemode) {
            fields.add("livemode");
        }
        if (payment.checkoutSessionId() != null && !payment.checkoutSessionId().equals(session.id())) {
            fields.add("id");
        }
        return fields;
    }

    /** The payment id a session names in its metadata, or null. */
    public static String paymentIdOf(CheckoutSession session) {
        return session.metadata().get(CheckoutForm.PAYMENT_ID);
    }
}
