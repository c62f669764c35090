package io.parley.knowledge.internal.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack et al., k = 60): a document's score is the sum of 1 / (k + rank) over the
 * rankings it appears in. Ranks, not raw scores, are fused, because BM25 and cosine scores are not comparable.
 * The fused score is divided by what a document first in every available ranking would get, so it reads 0..1.
 */
final class Fusion {
    static final int K = 60;

    private Fusion() {}

    /** A fused result; ranks are 1-based, 0 when the document was not in that ranking. */
    record Fused(int doc, double score, int keywordRank, int vectorRank) {}

    /**
     * @param rankings how many rankings could have contributed (a chatbot without vectors has one), for the scale
     */
    static List<Fused> fuse(List<Integer> keyword, List<Integer> vector, int rankings) {
        Map<Integer, int[]> ranks = new LinkedHashMap<>();
        for (int i = 0; i < keyword.size(); i++) {
            ranks.computeIfAbsent(keyword.get(i), d -> new int[2])[0] = i + 1;
        }
        for (int i = 0; i < vector.size(); i++) {
            ranks.computeIfAbsent(vector.get(i), d -> new int[2])[1] = i + 1;
        }
        double best = Math.max(1, rankings) / (double) (K + 1);
        List<Fused> fused = new ArrayList<>(ranks.size());
        ranks.forEach((doc, r) ->
                fused.add(new Fused(doc, Math.min(1.0, (part(r[0]) + part(r[1])) / best), r[0], r[1])));
        // Ties (same ranks mirrored) go to the keyword hit: an exact term is the stronger evidence.
        fused.sort(Comparator.comparingDouble(Fused::score)
                .reversed()
                .thenComparingInt(f -> f.keywordRank() == 0 ? Integer.MAX_VALUE : f.keywordRank()));
        return fused;
    }

    private static double part(int rank) {
        return rank == 0 ? 0.0 : 1.0 / (K + rank);
    }
}
