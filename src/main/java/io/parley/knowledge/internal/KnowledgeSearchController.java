package io.parley.knowledge.internal;

import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.knowledge.Knowledge;
import io.parley.knowledge.Passage;
import io.parley.platform.ChatbotId;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Test a query against a chatbot's knowledge: the passages its bot would get, with scores and sources. */
@RestController
class KnowledgeSearchController {
    static final int DEFAULT_LIMIT = 5;

    private final Knowledge knowledge;

    KnowledgeSearchController(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    record SearchRequest(String query, Integer limit, Double minScore) {}

    record SourceView(UUID id, String name, String type) {}

    record PassageView(String text, double score, SourceView source, Map<String, Object> location) {
        static PassageView of(Passage p) {
            return new PassageView(
                    p.text(),
                    Math.round(p.score() * 10_000) / 10_000.0,
                    new SourceView(p.sourceId(), p.sourceName(), p.sourceType()),
                    p.location());
        }
    }

    @RequiresRole(Role.AGENT)
    @PostMapping("/api/v1/chatbots/{botId}/knowledge/search")
    List<PassageView> search(@PathVariable String botId, @RequestBody SearchRequest request) {
        ChatbotId id = Ids.parse(botId, "chatbot", ChatbotId::new);
        if (request == null) {
            throw new InvalidRequestException("validation_failed", "A JSON object with a query is required");
        }
        int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
        double minScore = request.minScore() == null ? 0.0 : request.minScore();
        return knowledge.search(id, request.query(), limit, minScore).stream()
                .map(PassageView::of)
                .toList();
    }
}
