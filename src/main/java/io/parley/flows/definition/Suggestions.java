package io.parley.flows.definition;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean": the allowed key closest to a typo, if it is close (edit distance at most 2). */
final class Suggestions {
    private Suggestions() {}

    static Optional<String> closest(String typo, Collection<String> allowed) {
        if (typo.length() > 64) {
            return Optional.empty();
        }
        return allowed.stream()
                .filter(candidate -> distance(typo, candidate) <= 2)
                .min(Comparator.comparingInt((String candidate) -> distance(typo, candidate))
                        .thenComparing(Comparator.naturalOrder()));
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
