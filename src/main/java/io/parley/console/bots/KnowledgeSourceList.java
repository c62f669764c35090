package io.parley.console.bots;

import io.parley.knowledge.KnowledgeCrawl;
import io.parley.knowledge.KnowledgeSource;
import io.parley.knowledge.KnowledgeSources;
import io.parley.platform.ChatbotId;
import io.parley.platform.NotFoundException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the knowledge page's source list shows: the newest sources, the crawl just started (if any), and whether the
 * list should keep polling: while a source or the crawl is not in a final state.
 */
@Component
class KnowledgeSourceList {
    /** States after which nothing changes by itself. */
    private static final Set<String> FINAL = Set.of("synced", "failed", "done", "completed", "cancelled");

    private static final int SHOWN = 100;

    private final KnowledgeSources sources;

    KnowledgeSourceList(KnowledgeSources sources) {
        this.sources = sources;
    }

    void fill(ChatbotId botId, UUID crawlId, Model model) {
        List<KnowledgeSource> items = sources.list(botId, null, null, 0, SHOWN).items();
        KnowledgeCrawl crawl = crawlId == null ? null : crawl(botId, crawlId);
        boolean busy = items.stream().anyMatch(source -> !FINAL.contains(source.status()))
                || (crawl != null && !FINAL.contains(crawl.status()));
        model.addAttribute("sources", items);
        model.addAttribute("crawl", crawl);
        model.addAttribute("polling", busy);
    }

    private KnowledgeCrawl crawl(ChatbotId botId, UUID crawlId) {
        try {
            return sources.crawlStatus(botId, crawlId);
        } catch (NotFoundException e) {
            return null;
        }
    }
}
