package io.parley.console.operations;

import io.parley.delivery.DeadLetterFilter;
import io.parley.delivery.Lane;
import io.parley.platform.InvalidRequestException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dead-letters page's filter as its form sends it (blank fields: any), read into the delivery module's filter
 * with the same rules as the API: state {@code open} (default), {@code replayed} or {@code all}; a lane by name;
 * {@code transient} {@code true} or {@code false}; a reason (error code) exactly.
 */
public record DeadLetterQuery(String state, String reason, String lane, String transientOnly) {
    static final List<String> STATES = List.of("open", "replayed", "all");
    static final List<String> LANES = List.of("transactional", "conversational", "campaign");

    static DeadLetterQuery of(String state, String reason, String lane, String transientOnly) {
        String s = blank(state) ? "open" : state.strip().toLowerCase(Locale.ROOT);
        if (!STATES.contains(s)) {
            throw new InvalidRequestException("validation_failed", "state must be open, replayed or all");
        }
        String l = blank(lane) ? "" : lane.strip().toLowerCase(Locale.ROOT);
        if (!l.isEmpty() && !LANES.contains(l)) {
            throw new InvalidRequestException(
                    "validation_failed", "lane must be transactional, conversational or campaign");
        }
        String t = blank(transientOnly) ? "" : transientOnly.strip().toLowerCase(Locale.ROOT);
        if (!t.isEmpty() && !t.equals("true") && !t.equals("false")) {
            throw new InvalidRequestException("validation_failed", "transient must be true or false");
        }
        return new DeadLetterQuery(s, blank(reason) ? "" : reason.strip(), l, t);
    }

    DeadLetterFilter filter() {
        return new DeadLetterFilter(
                state,
                null,
                null,
                lane.isEmpty() ? null : Lane.fromWire(lane),
                reason.isEmpty() ? null : reason,
                transientOnly.isEmpty() ? null : Boolean.valueOf(transientOnly),
                null,
                null);
    }

    /** The non-blank fields, for links and redirects that keep the filter. */
    Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("state", state);
        if (!reason.isEmpty()) {
            parameters.put("reason", reason);
        }
        if (!lane.isEmpty()) {
            parameters.put("lane", lane);
        }
        if (!transientOnly.isEmpty()) {
            parameters.put("transient", transientOnly);
        }
        return parameters;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
