package io.parley.knowledge;

import io.parley.knowledge.internal.search.HybridSearch;
import io.parley.platform.ChatbotId;
import io.parley.platform.InvalidRequestException;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.Chatbots;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Searching a chatbot's knowledge: hybrid (BM25 + vectors, reciprocal rank fusion) over the chunks of its synced
 * sources, never another chatbot's. See ADR 0012.
 */
@Service
@EnableConfigurationProperties(KnowledgeSearchProperties.class)
public class Knowledge {
    public static final int MAX_LIMIT = 50;

    private final Chatbots chatbots;
    private final HybridSearch search;
    private final KnowledgeSearchProperties properties;

    Knowledge(Chatbots chatbots, HybridSearch search, KnowledgeSearchProperties properties) {
        this.chatbots = chatbots;
        this.search = search;
        this.properties = properties;
    }

    /** The best {@code limit} passages for {@code query}, best first. Unknown chatbot: NotFoundException. */
    public List<Passage> search(ChatbotId chatbotId, String query, int limit) {
        return search(chatbotId, query, limit, 0.0);
    }

    /** As {@link #search(ChatbotId, String, int)}, leaving out passages scoring below {@code minScore} (0..1). */
    public List<Passage> search(ChatbotId chatbotId, String query, int limit, double minScore) {
        Objects.requireNonNull(chatbotId, "chatbotId");
        if (query == null || query.isBlank()) {
            throw new InvalidRequestException("query_required", "query must not be blank");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRequestException("invalid_limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        if (!(minScore >= 0.0 && minScore <= 1.0)) {
            throw new InvalidRequestException("invalid_min_score", "minScore must be between 0 and 1");
        }
        Chatbot chatbot = chatbots.get(chatbotId);
        return search.search(chatbot.organizationId(), chatbot.id(), query.strip(), limit, minScore);
    }

    /**
     * The passages to put in front of the chatbot's model for the latest message(s): at most
     * {@code parley.knowledge.search.prompt-passages}, none below {@code prompt-min-score}. Empty without knowledge.
     */
    public List<Passage> forPrompt(Chatbot chatbot, String latestMessages) {
        if (latestMessages == null || latestMessages.isBlank() || properties.promptPassages() < 1) {
            return List.of();
        }
        return search.search(
                chatbot.organizationId(),
                chatbot.id(),
                latestMessages.strip(),
                Math.min(properties.promptPassages(), MAX_LIMIT),
                properties.promptMinScore());
    }
}
