package io.parley.knowledge;

import io.parley.knowledge.internal.KnowledgeAdmin;
import io.parley.knowledge.internal.KnowledgeProperties;
import io.parley.knowledge.internal.SourceRepository;
import io.parley.knowledge.internal.SourceRepository.NewSource;
import io.parley.knowledge.internal.crawl.CrawlJob;
import io.parley.knowledge.internal.crawl.CrawlPatterns;
import io.parley.knowledge.internal.extract.MediaTypes;
import io.parley.knowledge.internal.quota.ContentHash;
import io.parley.knowledge.internal.quota.SourceIntake;
import io.parley.platform.ChatbotId;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.Jobs;
import io.parley.platform.NotFoundException;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.Chatbots;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A chatbot's knowledge sources: adding files, text, URLs and crawls (each ingested by a durable job), listing,
 * deleting and reindexing them, and the organization's quota. Every call is scoped to the chatbot and its
 * organization; another chatbot's source id is simply not found.
 */
@Service
@EnableConfigurationProperties(KnowledgeProperties.class)
public class KnowledgeSources {
    private static final Set<String> STATUSES = Set.of("pending", "processing", "synced", "failed");
    private static final Set<String> TYPES = Set.of("file", "text", "url");
    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_CRAWL_DEPTH = 5;
    static final int MAX_CRAWL_PAGES = 500;

    private final Chatbots chatbots;
    private final SourceIntake intake;
    private final SourceRepository sources;
    private final KnowledgeAdmin admin;
    private final KnowledgeProperties properties;
    private final Jobs jobs;
    private final Clock clock;

    KnowledgeSources(
            Chatbots chatbots,
            SourceIntake intake,
            SourceRepository sources,
            KnowledgeAdmin admin,
            KnowledgeProperties properties,
            Jobs jobs,
            Clock clock) {
        this.chatbots = chatbots;
        this.intake = intake;
        this.sources = sources;
        this.admin = admin;
        this.properties = properties;
        this.jobs = jobs;
        this.clock = clock;
    }

    public KnowledgeSource addFile(ChatbotId chatbotId, String filename, String mediaType, byte[] bytes) {
        Chatbot bot = chatbots.get(chatbotId);
        String type = MediaTypes.detect(filename, mediaType)
                .orElseThrow(() -> UnsupportedContentException.unsupportedType(filename));
        requireSize(bytes);
        String name = filename == null || filename.isBlank() ? "upload" : filename.strip();
        return intake.accept(new NewSource(
                UUID.randomUUID(),
                bot.organizationId(),
                chatbotId,
                null,
                "file",
                name,
                null,
                type,
                bytes,
                ContentHash.of(bytes)));
    }

    public KnowledgeSource addText(ChatbotId chatbotId, String name, String text) {
        Chatbot bot = chatbots.get(chatbotId);
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException("validation_failed", "text must not be empty");
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        requireSize(bytes);
        String label = name == null || name.isBlank() ? "Pasted text" : name.strip();
        return intake.accept(new NewSource(
                UUID.randomUUID(),
                bot.organizationId(),
                chatbotId,
                null,
                "text",
                label,
                null,
                "text/markdown",
                bytes,
                ContentHash.of(bytes)));
    }

    public KnowledgeSource addUrl(ChatbotId chatbotId, String url) {
        Chatbot bot = chatbots.get(chatbotId);
        URI uri = admin.validUrl(url, "url");
        return intake.accept(new NewSource(
                UUID.randomUUID(),
                bot.organizationId(),
                chatbotId,
                null,
                "url",
                uri.toString(),
                uri.toString(),
                null,
                null,
                null));
    }

    @Transactional
    public KnowledgeCrawl crawl(ChatbotId chatbotId, CrawlRequest request) {
        Chatbot bot = chatbots.get(chatbotId);
        if (request == null) {
            throw new InvalidRequestException("validation_failed", "baseUrl is required");
        }
        URI base = admin.validUrl(request.baseUrl(), "baseUrl");
        int depth = request.maxDepth() == null ? 2 : request.maxDepth();
        int pages = request.maxPages() == null ? 50 : request.maxPages();
        if (depth < 0 || depth > MAX_CRAWL_DEPTH) {
            throw new InvalidRequestException("validation_failed", "maxDepth must be between 0 and " + MAX_CRAWL_DEPTH);
        }
        if (pages < 1 || pages > MAX_CRAWL_PAGES) {
            throw new InvalidRequestException("validation_failed", "maxPages must be between 1 and " + MAX_CRAWL_PAGES);
        }
        CrawlPatterns.validate(request.include(), "include");
        CrawlPatterns.validate(request.exclude(), "exclude");
        UUID id = UUID.randomUUID();
        admin.insertCrawl(
                id,
                bot.organizationId(),
                chatbotId,
                new CrawlRequest(base.toString(), depth, pages, request.include(), request.exclude()));
        jobs.scheduleIfAbsent(CrawlJob.TASK, id.toString(), clock.instant());
        return crawlStatus(chatbotId, id);
    }

    public KnowledgeCrawl crawlStatus(ChatbotId chatbotId, UUID crawlId) {
        Chatbot bot = chatbots.get(chatbotId);
        return admin.crawl(bot.organizationId(), chatbotId, crawlId)
                .orElseThrow(() -> new NotFoundException("crawl_not_found", "No crawl with id '" + crawlId + "'"));
    }

    public SourcePage list(ChatbotId chatbotId, String status, String type, int page, int size) {
        Chatbot bot = chatbots.get(chatbotId);
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidRequestException("validation_failed", "status must be one of " + STATUSES);
        }
        if (type != null && !TYPES.contains(type)) {
            throw new InvalidRequestException("validation_failed", "type must be one of " + TYPES);
        }
        if (page < 0 || size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidRequestException(
                    "validation_failed", "page must be >= 0 and size between 1 and " + MAX_PAGE_SIZE);
        }
        return admin.list(bot.organizationId(), chatbotId, status, type, page, size);
    }

    public KnowledgeSource get(ChatbotId chatbotId, UUID sourceId) {
        Chatbot bot = chatbots.get(chatbotId);
        return sources.find(bot.organizationId(), chatbotId, sourceId).orElseThrow(() -> notFound(sourceId));
    }

    public void delete(ChatbotId chatbotId, UUID sourceId) {
        Chatbot bot = chatbots.get(chatbotId);
        if (!admin.delete(bot.organizationId(), chatbotId, sourceId)) {
            throw notFound(sourceId);
        }
    }

    public KnowledgeSource reindex(ChatbotId chatbotId, UUID sourceId) {
        Chatbot bot = chatbots.get(chatbotId);
        if (!admin.reindex(bot.organizationId(), chatbotId, sourceId)) {
            throw notFound(sourceId);
        }
        return get(chatbotId, sourceId);
    }

    /** Re-ingests every source of the chatbot; returns how many were queued. */
    public int reindexAll(ChatbotId chatbotId) {
        Chatbot bot = chatbots.get(chatbotId);
        return admin.reindexAll(bot.organizationId(), chatbotId);
    }

    public KnowledgeQuota quota(ChatbotId chatbotId) {
        return admin.quota(chatbots.get(chatbotId).organizationId());
    }

    public KnowledgeSettings settings(ChatbotId chatbotId) {
        chatbots.get(chatbotId);
        return admin.settings(chatbotId);
    }

    /** Saves the settings; a new embedding model re-embeds every source of the chatbot. */
    public KnowledgeSettings updateSettings(ChatbotId chatbotId, KnowledgeSettingsUpdate update) {
        Chatbot bot = chatbots.get(chatbotId);
        return admin.updateSettings(bot.organizationId(), chatbotId, update);
    }

    private void requireSize(byte[] bytes) {
        long max = properties.maxFileSize().toBytes();
        if (bytes == null || bytes.length == 0) {
            throw new InvalidRequestException("validation_failed", "The content is empty");
        }
        if (bytes.length > max) {
            throw UnsupportedContentException.tooLarge(bytes.length, max);
        }
    }

    private static NotFoundException notFound(UUID sourceId) {
        return new NotFoundException("knowledge_source_not_found", "No knowledge source with id '" + sourceId + "'");
    }
}
