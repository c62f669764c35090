package io.parley.payments;

import java.util.Locale;

/**
 * Where a payment stands. Statuses only move forward ({@code created < open < expired|failed < paid}): a redelivered,
 * late or reordered Stripe event never moves one back, and a payment that expired may still become paid (a late
 * payment, reported as such).
 */
public enum PaymentStatus {
    CREATED(0),
    OPEN(1),
    EXPIRED(2),
    FAILED(2),
    PAID(3);

    private final int rank;

    PaymentStatus(int rank) {
        this.rank = rank;
    }

    /** Whether a payment in this status may move to {@code next}: strictly forward only. */
    public boolean mayMoveTo(PaymentStatus next) {
        return next.rank > rank;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PaymentStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
