package io.parley.knowledge.internal.search;

import io.parley.knowledge.KnowledgeSearchProperties;
import io.parley.knowledge.Passage;
import io.parley.knowledge.internal.embed.Embedders;
import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hybrid search over one chatbot's index: BM25 and vector candidates fused by reciprocal rank. Keyword search
 * finds exact codes and rare terms; vectors find paraphrases; the fusion needs no score calibration. When the
 * query cannot be embedded (a remote model down), keyword results are returned alone rather than nothing.
 */
@Component
public class HybridSearch {
    private static final Logger log = LoggerFactory.getLogger(HybridSearch.class);
    /** Longer queries add cost, not precision (a pasted document is not a question). */
    static final int MAX_QUERY_CHARS = 2000;

    private final KnowledgeIndex indexes;
    private final Embedders embedders;
    private final KnowledgeSearchProperties properties;
    private final JsonMapper json;

    HybridSearch(KnowledgeIndex indexes, Embedders embedders, KnowledgeSearchProperties properties, JsonMapper json) {
        this.indexes = indexes;
        this.embedders = embedders;
        this.properties = properties;
        this.json = json;
    }

    public List<Passage> search(
            OrganizationId organizationId, ChatbotId chatbotId, String query, int limit, double minScore) {
        if (indexes.version(chatbotId) == 0) {
            return List.of(); // never had knowledge: no index to build, no query to embed
        }
        ChatbotIndex index = indexes.current(organizationId, chatbotId);
        if (index.size() == 0) {
            return List.of();
        }
        String q = query.length() > MAX_QUERY_CHARS ? query.substring(0, MAX_QUERY_CHARS) : query;
        int k = Math.max(properties.candidates(), limit);
        List<Integer> keyword = index.keyword(q, k);
        List<Integer> vector = List.of();
        if (index.hasVectors()) {
            vector = vectorHits(chatbotId, index, q, k);
        }
        List<Passage> passages = new ArrayList<>();
        for (Fusion.Fused hit : Fusion.fuse(keyword, vector, index.hasVectors() ? 2 : 1)) {
            if (passages.size() == limit || hit.score() < minScore) {
                break;
            }
            passages.add(passage(index.stored(hit.doc()), hit.score()));
        }
        return passages;
    }

    private List<Integer> vectorHits(ChatbotId chatbotId, ChatbotIndex index, String query, int k) {
        try {
            float[] embedded =
                    embedders.forChatbot(chatbotId).embed(List.of(query)).getFirst();
            return index.vector(embedded, k, properties.vectorMinSimilarity());
        } catch (RuntimeException e) {
            log.warn(
                    "Could not embed the query for chatbot {} ({}); keyword results only",
                    chatbotId,
                    e.getClass().getSimpleName());
            return List.of();
        }
    }

    private Passage passage(Document doc, double score) {
        return new Passage(
                doc.get(ChatbotIndex.TEXT),
                score,
                ChatbotIndex.sourceId(doc),
                doc.get("sourceName"),
                doc.get("sourceType"),
                location(doc.get("location")));
    }

    private Map<String, Object> location(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, Object>>() {});
        } catch (JacksonException | ClassCastException e) {
            return Map.of();
        }
    }
}
