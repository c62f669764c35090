package io.parley.knowledge;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A chunk of a chatbot's knowledge that matched a query.
 *
 * @param score    relevance in 0..1 from reciprocal rank fusion of the keyword (BM25) and vector rankings: 1 means
 *                 first in both, about 0.5 first in one and absent from the other
 * @param location where in the source: {@code {"page": 3}}, {@code {"sheet": "Prices", "row": 12}},
 *                 {@code {"url": "..."}}, or empty
 */
public record Passage(
        String text, double score, UUID sourceId, String sourceName, String sourceType, Map<String, Object> location) {
    public Passage {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(sourceId, "sourceId");
        location = location == null ? Map.of() : Map.copyOf(location);
    }
}
