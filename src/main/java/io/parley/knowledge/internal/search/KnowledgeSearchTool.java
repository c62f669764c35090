package io.parley.knowledge.internal.search;

import io.parley.knowledge.Passage;
import io.parley.llm.ToolSpec;
import io.parley.platform.InvalidRequestException;
import io.parley.tools.BuiltinResult;
import io.parley.tools.BuiltinTool;
import io.parley.tools.ToolContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code knowledge_search}: lets a tool-capable model look things up in its chatbot's knowledge base, e.g. with a
 * better query than the customer's words or for a second question. Scoped by the tool context's organization and
 * chatbot, never the model's arguments.
 */
@Component
class KnowledgeSearchTool implements BuiltinTool {
    static final String NAME = "knowledge_search";
    static final int DEFAULT_LIMIT = 5;
    static final int MAX_LIMIT = 10;
    private static final ToolSpec SPEC = new ToolSpec(NAME, """
            Search this business's knowledge base (manuals, price lists, policies, web pages) for passages that \
            answer a question. Use it for facts about products, prices, codes and policies; answer from the \
            passages and name the source you used.""", """
            {"type": "object",
             "properties": {
               "query": {"type": "string", "minLength": 1, "maxLength": 1000,
                         "description": "What to look for: a question, keywords, or a product code."},
               "limit": {"type": "integer", "minimum": 1, "maximum": 10,
                         "description": "How many passages to return (default 5)."}
             },
             "required": ["query"],
             "additionalProperties": false}""");

    private final HybridSearch search;

    KnowledgeSearchTool(HybridSearch search) {
        this.search = search;
    }

    @Override
    public ToolSpec spec() {
        return SPEC;
    }

    @Override
    public BuiltinResult run(ToolContext context, JsonNode arguments) {
        String query = arguments.path("query").asString("").strip();
        if (query.isEmpty()) {
            throw new InvalidRequestException("query_required", "query must not be blank");
        }
        int limit =
                arguments.has("limit") ? Math.clamp(arguments.get("limit").intValue(), 1, MAX_LIMIT) : DEFAULT_LIMIT;
        List<Passage> passages = search.search(context.organizationId(), context.chatbotId(), query, limit, 0.0);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put(
                "passages", passages.stream().map(KnowledgeSearchTool::forModel).toList());
        if (passages.isEmpty()) {
            result.put("note", "Nothing in the knowledge base matches. Do not guess; say you do not know.");
        }
        return BuiltinResult.of(result);
    }

    private static Map<String, Object> forModel(Passage p) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("source", p.sourceName());
        if (!p.location().isEmpty()) {
            view.put("location", p.location());
        }
        view.put("score", Math.round(p.score() * 100) / 100.0);
        view.put("text", p.text());
        return view;
    }
}
