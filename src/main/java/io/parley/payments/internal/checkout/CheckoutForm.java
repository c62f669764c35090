package io.parley.payments.internal.checkout;

import io.parley.payments.Payment;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The form of {@code POST /v1/checkout/sessions} for one payment: one line item with inline price data, the success
 * and cancel pages, {@code expires_at}, {@code client_reference_id} = Parley's payment id, and the payment id, the
 * organization and the conversation as metadata on the session and on its PaymentIntent (Stripe does not copy a
 * session's metadata to it).
 */
final class CheckoutForm {
    static final String PAYMENT_ID = "parley_payment_id";
    static final String ORGANIZATION_ID = "parley_organization_id";
    static final String CONVERSATION_ID = "parley_conversation_id";

    private CheckoutForm() {}

    static Map<String, String> of(Payment payment, String successUrl, String cancelUrl, Instant expiresAt) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("mode", "payment");
        form.put("line_items[0][price_data][currency]", payment.currency());
        form.put("line_items[0][price_data][unit_amount]", Long.toString(payment.amountMinor()));
        form.put("line_items[0][price_data][product_data][name]", payment.label());
        form.put("line_items[0][quantity]", "1");
        form.put("success_url", successUrl);
        form.put("cancel_url", cancelUrl);
        form.put("expires_at", Long.toString(expiresAt.getEpochSecond()));
        form.put("client_reference_id", payment.id().toString());
        form.put("metadata[" + PAYMENT_ID + "]", payment.id().toString());
        form.put("metadata[" + ORGANIZATION_ID + "]", payment.organizationId().toString());
        if (payment.conversationId() != null) {
            form.put(
                    "metadata[" + CONVERSATION_ID + "]",
                    payment.conversationId().toString());
        }
        form.put(
                "payment_intent_data[metadata][" + PAYMENT_ID + "]",
                payment.id().toString());
        form.put(
                "payment_intent_data[metadata][" + ORGANIZATION_ID + "]",
                payment.organizationId().toString());
        return form;
    }
}
