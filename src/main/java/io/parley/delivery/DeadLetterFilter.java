package io.parley.delivery;

import java.time.Instant;
import java.util.UUID;

/**
 * Which dead letters to list or replay; every field is optional.
 *
 * @param state     {@code open} (default: not replayed yet), {@code replayed} or {@code all}
 * @param reason    the error code, e.g. {@code 131026} or {@code http_500}
 * @param transientOnly true for failures that may succeed later (throttling, 5xx, timeouts), false for the others
 */
public record DeadLetterFilter(
        String state,
        UUID conversationId,
        UUID channelId,
        Lane lane,
        String reason,
        Boolean transientOnly,
        Instant since,
        Instant until) {
    public static DeadLetterFilter open() {
        return new DeadLetterFilter(null, null, null, null, null, null, null, null);
    }

    public String stateOrDefault() {
        return state == null || state.isBlank() ? "open" : state;
    }
}
