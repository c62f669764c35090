package io.parley.tenancy;

import java.time.Instant;

/** Whether a chatbot answers its messages now: it and its organization are active, or one of them is paused. */
public sealed interface Availability {

    /**
     * The chatbot answers messages that arrived at or after {@code since}; earlier unanswered ones arrived while it
     * or its organization was paused and are never answered (ADR 33).
     *
     * @param since when the chatbot or its organization was last resumed, whichever is later; null if never paused
     */
    record Answering(Instant since) implements Availability {
        public boolean answers(Instant messageCreatedAt) {
            return since == null || !messageCreatedAt.isBefore(since);
        }
    }

    /** @param reason {@code chatbot_paused} or {@code organization_paused} */
    record Paused(String reason) implements Availability {
        public static final Paused CHATBOT = new Paused("chatbot_paused");
        public static final Paused ORGANIZATION = new Paused("organization_paused");
    }
}
