package io.parley.payments;

import java.util.Objects;
import java.util.UUID;

/** Parley's id of a payment; Stripe sees it as {@code metadata[parley_payment_id]}. */
public record PaymentId(UUID value) {
    public PaymentId {
        Objects.requireNonNull(value, "PaymentId value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
