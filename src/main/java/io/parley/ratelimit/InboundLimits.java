package io.parley.ratelimit;

/** Inbound messages per hour: for one chatbot (all its contacts) and for one contact of that chatbot. */
public record InboundLimits(long perChatbotPerHour, long perContactPerHour) {
    public InboundLimits {
        if (perChatbotPerHour < 1) {
            throw new IllegalArgumentException("perChatbotPerHour must be at least 1, was " + perChatbotPerHour);
        }
        if (perContactPerHour < 1) {
            throw new IllegalArgumentException("perContactPerHour must be at least 1, was " + perContactPerHour);
        }
    }
}
