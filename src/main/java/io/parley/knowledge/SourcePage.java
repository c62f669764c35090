package io.parley.knowledge;

import java.util.List;

/** One page of a chatbot's sources, newest first. */
public record SourcePage(List<KnowledgeSource> items, int page, int size, long total) {
    public SourcePage {
        items = List.copyOf(items);
    }
}
