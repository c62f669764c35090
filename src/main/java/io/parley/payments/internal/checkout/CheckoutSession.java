package io.parley.payments.internal.checkout;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The fields of Stripe's Checkout Session object Parley reads (in an API answer or an event's {@code data.object}):
 * {@code status} is open, complete or expired; {@code payment_status} paid, unpaid or no_payment_required.
 */
public record CheckoutSession(
        String id,
        String url,
        String status,
        String paymentStatus,
        long amountTotal,
        String currency,
        boolean livemode,
        String clientReferenceId,
        Map<String, String> metadata) {

    public static CheckoutSession from(JsonNode object) {
        Map<String, String> metadata = new LinkedHashMap<>();
        JsonNode meta = object.path("metadata");
        if (meta.isObject()) {
            meta.properties()
                    .forEach(entry ->
                            metadata.put(entry.getKey(), entry.getValue().asString("")));
        }
        return new CheckoutSession(
                text(object, "id"),
                text(object, "url"),
                text(object, "status"),
                text(object, "payment_status"),
                object.path("amount_total").asLong(-1),
                text(object, "currency"),
                object.path("livemode").asBoolean(false),
                text(object, "client_reference_id"),
                Map.copyOf(metadata));
    }

    /** Paid, or nothing to pay: the money is there. */
    public boolean paid() {
        return "paid".equals(paymentStatus) || "no_payment_required".equals(paymentStatus);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }
}
