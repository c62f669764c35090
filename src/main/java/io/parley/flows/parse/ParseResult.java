package io.parley.flows.parse;

import java.util.Objects;

/**
 * What a deterministic parser made of one message: a {@link Value} answering the question, {@link None} (the message
 * holds nothing of this kind) or {@link Invalid} (it tried to answer but the answer is unusable, with a reason for
 * logs and the repair message's context). Only a {@code Value} counts as an answer, also in the bundle check.
 */
public sealed interface ParseResult permits ParseResult.Value, ParseResult.None, ParseResult.Invalid {

    /** The one {@link None}. */
    None NONE = new None();

    static Value value(Object value, String normalized) {
        return new Value(value, normalized);
    }

    static Invalid invalid(String reason) {
        return new Invalid(reason);
    }

    default boolean isValue() {
        return this instanceof Value;
    }

    /**
     * An answer.
     *
     * @param value JSON-able: {@code String}, {@code BigDecimal}, {@code Boolean}, {@code Map}, {@code List}
     * @param normalized a short human-readable form ("10x15 cm", "300 EUR") for summaries and logs
     */
    record Value(Object value, String normalized) implements ParseResult {
        public Value {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(normalized, "normalized");
        }
    }

    /** Nothing in the message answers this question. */
    record None() implements ParseResult {}

    /** An attempted answer that cannot be used; {@code reason} is for logs and staff, not shown to the user. */
    record Invalid(String reason) implements ParseResult {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
