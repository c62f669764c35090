package io.parley.knowledge.internal.search;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.parley.knowledge.KnowledgeSearchProperties;
import io.parley.knowledge.internal.SettingsRepository;
import io.parley.knowledge.internal.embed.Embedders;
import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import io.parley.platform.cache.ChangeNotices;
import io.parley.platform.cache.SharedCache;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The per-chatbot indexes of this node, derived from the chunk rows. Every search compares the cached index's
 * version with the chatbot's knowledge version, itself cached per node and forgotten on every node when ingestion,
 * a deletion or a settings change moves it (ADR 50), so a change made through any node is seen by all; a stale or
 * missing index is rebuilt once, under the chatbot's lock, while other chatbots go on.
 * Searches that arrive during a rebuild get the previous version, if there is one, instead of waiting for it.
 * Memory is bounded by the number of chunks cached; idle indexes are dropped.
 */
@Component
public class KnowledgeIndex {
    private static final Logger log = LoggerFactory.getLogger(KnowledgeIndex.class);

    private final ChunkRows rows;
    private final Embedders embedders;
    private final Cache<ChatbotId, ChatbotIndex> indexes;
    private final ConcurrentMap<ChatbotId, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final long maxChunks;
    private final SharedCache<ChatbotId, Long> versions;

    KnowledgeIndex(ChunkRows rows, Embedders embedders, KnowledgeSearchProperties properties, ChangeNotices notices) {
        this.versions = notices.cache(SettingsRepository.TOPIC);
        this.rows = rows;
        this.embedders = embedders;
        this.maxChunks = properties.cacheMaxChunks();
        this.indexes = Caffeine.newBuilder()
                .maximumWeight(properties.cacheMaxChunks())
                .<ChatbotId, ChatbotIndex>weigher((id, index) -> Math.max(1, index.size()))
                .expireAfterAccess(properties.cacheIdle())
                .build();
    }

    /** The chatbot's knowledge version: 0 while it never had any chunk (nothing to search). */
    public long version(ChatbotId chatbotId) {
        return versions.get(chatbotId, rows::version);
    }

    /** The chatbot's index at its current version. */
    public ChatbotIndex current(OrganizationId organizationId, ChatbotId chatbotId) {
        long version = version(chatbotId);
        ChatbotIndex cached = indexes.getIfPresent(chatbotId);
        if (cached != null && cached.version() == version) {
            return cached;
        }
        ReentrantLock lock = locks.computeIfAbsent(chatbotId, id -> new ReentrantLock());
        if (cached != null && !lock.tryLock()) {
            // Another search is rebuilding it (seconds for a large knowledge base): answer from the previous
            // version meanwhile rather than making every conversation of this chatbot wait.
            return cached;
        }
        if (cached == null) {
            lock.lock();
        }
        try {
            cached = indexes.getIfPresent(chatbotId);
            // Another thread may have built it meanwhile, at this version or a newer one.
            if (cached != null && cached.version() >= version) {
                return cached;
            }
            ChatbotIndex built = build(organizationId, chatbotId);
            indexes.put(chatbotId, built);
            return built;
        } finally {
            lock.unlock();
        }
    }

    private ChatbotIndex build(OrganizationId organizationId, ChatbotId chatbotId) {
        long started = System.nanoTime();
        int dimension = embedders.forChatbot(chatbotId).dimension();
        ChatbotIndexBuilder builder = new ChatbotIndexBuilder(dimension);
        ChatbotIndex index = builder.build(rows.load(organizationId, chatbotId, builder::add));
        log.info(
                "Built the knowledge index of chatbot {} at version {}: {} chunks in {} ms",
                chatbotId,
                index.version(),
                index.size(),
                (System.nanoTime() - started) / 1_000_000);
        if (index.size() > maxChunks) {
            // Caffeine evicts an entry heavier than the whole cache at once: every search would rebuild.
            log.warn(
                    "Chatbot {} has {} chunks, more than parley.knowledge.search.cache-max-chunks ({}); its index "
                            + "cannot stay cached. Raise the limit.",
                    chatbotId,
                    index.size(),
                    maxChunks);
        }
        return index;
    }

    /** Drops every cached index (tests, memory pressure); the next search rebuilds. */
    public void clear() {
        indexes.invalidateAll();
    }
}
