package io.parley.delivery;

/**
 * Delivery lanes, most urgent first. The lane becomes the db-scheduler priority of the message's delivery job, so a
 * due reply is picked before any due campaign message, and campaigns may use only part of an account's throughput.
 */
public enum Lane {
    /** Notifications, one-time codes: the user is waiting for them. */
    TRANSACTIONAL(30),
    /** Bot and agent replies. */
    CONVERSATIONAL(20),
    /** Broadcasts and campaigns: may wait behind everything else. */
    CAMPAIGN(10);

    private final int priority;

    Lane(int priority) {
        this.priority = priority;
    }

    /** db-scheduler priority: higher runs first. */
    public int priority() {
        return priority;
    }

    public String wireName() {
        return name().toLowerCase();
    }

    public static Lane fromWire(String value) {
        return valueOf(value.toUpperCase());
    }
}
