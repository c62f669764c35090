package io.parley.knowledge;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.knowledge.search.*}
 *
 * @param candidates          how many hits each ranking (BM25, vectors) contributes to the fusion
 * @param vectorMinSimilarity vector hits below this cosine similarity are left out of the fusion: every query has
 *                            nearest neighbours, related or not
 * @param promptPassages      how many passages the agent adds to the system prompt of a turn
 * @param promptMinScore      passages scoring below this are not added to the prompt
 * @param cacheMaxChunks      chunks held in memory over all cached chatbot indexes; the least used go first
 * @param cacheIdle           an index not searched for this long is dropped (rebuilt from the rows when needed)
 */
@ConfigurationProperties("parley.knowledge.search")
public record KnowledgeSearchProperties(
        @DefaultValue("50") int candidates,
        @DefaultValue("0.3") double vectorMinSimilarity,
        @DefaultValue("3") int promptPassages,
        @DefaultValue("0.3") double promptMinScore,
        @DefaultValue("500000") long cacheMaxChunks,
        @DefaultValue("30m") Duration cacheIdle) {
    public static KnowledgeSearchProperties defaults() {
        return new KnowledgeSearchProperties(50, 0.3, 3, 0.3, 500_000, Duration.ofMinutes(30));
    }
}
