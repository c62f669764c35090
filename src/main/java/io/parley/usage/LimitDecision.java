package io.parley.usage;

/** Whether a turn may call the model. */
public sealed interface LimitDecision {
    record Allowed() implements LimitDecision {}

    /**
     * @param limit  which limit stopped the turn ({@code monthlyMessages}, {@code contactDailyMessages}, ...)
     * @param tellContact true the first time this contact is stopped in this period under these limits: send the
     *               chatbot's limit message; false afterwards: stay silent
     */
    record Refused(String limit, boolean tellContact) implements LimitDecision {}
}
