package io.parley.flows.engine;

import java.util.Map;
import java.util.Set;

/**
 * The lead's statuses and the moves between them (spec §4): {@code new → qualifying → qualified → awaiting_deposit →
 * deposit_paid → booked}; {@code awaiting_deposit ⇄ deposit_expired → lost}; a late payment {@code deposit_expired →
 * deposit_paid}; from any status to {@code disqualified}, {@code lost} or {@code cancelled}; and back to
 * {@code qualifying} when the contact starts over.
 */
public final class LeadStatuses {
    private static final Set<String> FROM_ANY = Set.of("disqualified", "lost", "cancelled", "qualifying");
    private static final Map<String, Set<String>> NEXT = Map.of(
            "new", Set.of("qualifying", "qualified"),
            "qualifying", Set.of("qualified"),
            "qualified", Set.of("awaiting_deposit", "booked"),
            "awaiting_deposit", Set.of("deposit_paid", "deposit_expired"),
            "deposit_expired", Set.of("awaiting_deposit", "deposit_paid"),
            "deposit_paid", Set.of("booked"));

    private LeadStatuses() {}

    public static boolean allowed(String from, String to) {
        return FROM_ANY.contains(to) || NEXT.getOrDefault(from, Set.of()).contains(to);
    }
}
