package io.parley.ratelimit;

/**
 * Whether an inbound message may start a turn. A denied message names the bucket that was empty and says whether
 * the contact should be told (at most once per hour per contact, when notices are on).
 */
public record RateDecision(boolean allowed, Scope deniedBy, boolean sendNotice) {
    public enum Scope {
        CHATBOT,
        CONTACT
    }

    public static RateDecision allow() {
        return new RateDecision(true, null, false);
    }

    public static RateDecision deny(Scope scope, boolean sendNotice) {
        return new RateDecision(false, scope, sendNotice);
    }
}
