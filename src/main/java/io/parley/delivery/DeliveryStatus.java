package io.parley.delivery;

/**
 * Delivery states, ordered so that a status only ever moves forward. {@code FAILED} ranks below
 * {@code DELIVERED}: Meta may report both for one message (several devices), and a message delivered to any device
 * was delivered.
 */
public enum DeliveryStatus {
    QUEUED(0),
    SENDING(1),
    SENT(2),
    FAILED(3),
    DELIVERED(4),
    READ(5),
    /** Free text outside the contact's 24-hour window with no template to replace it: never sent (ADR 21). */
    WINDOW_CLOSED(3);

    private final int rank;

    DeliveryStatus(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public String wireName() {
        return name().toLowerCase();
    }

    public static DeliveryStatus fromWire(String value) {
        return valueOf(value.toUpperCase());
    }
}
