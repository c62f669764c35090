package io.parley.knowledge.internal;

import io.parley.knowledge.CrawlRequest;
import io.parley.knowledge.KnowledgeCrawl;
import io.parley.knowledge.KnowledgeQuota;
import io.parley.knowledge.KnowledgeSettings;
import io.parley.knowledge.KnowledgeSettingsUpdate;
import io.parley.knowledge.KnowledgeSource;
import io.parley.knowledge.KnowledgeSources;
import io.parley.knowledge.SourcePage;
import io.parley.knowledge.UnsupportedContentException;
import io.parley.platform.ChatbotId;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** A chatbot's knowledge sources, crawls, quota and settings. Adding anything answers 202: ingestion is a job. */
@RestController
@RequestMapping("/api/v1/chatbots/{botId}/knowledge")
class KnowledgeController {
    private final KnowledgeSources knowledge;
    private final KnowledgeProperties properties;

    KnowledgeController(KnowledgeSources knowledge, KnowledgeProperties properties) {
        this.knowledge = knowledge;
        this.properties = properties;
    }

    record SourceView(
            UUID id,
            UUID crawlId,
            String type,
            String name,
            String url,
            String mediaType,
            long size,
            String status,
            int progress,
            int chunkCount,
            String error,
            int attempts,
            String embeddingModel,
            Integer embeddingDimension,
            Instant createdAt,
            Instant startedAt,
            Instant finishedAt) {
        static SourceView of(KnowledgeSource s) {
            return new SourceView(
                    s.id(),
                    s.crawlId(),
                    s.type(),
                    s.name(),
                    s.url(),
                    s.mediaType(),
                    s.sizeBytes(),
                    s.status(),
                    s.progress(),
                    s.chunkCount(),
                    s.error(),
                    s.attempts(),
                    s.embeddingModel(),
                    s.embeddingDimension(),
                    s.createdAt(),
                    s.startedAt(),
                    s.finishedAt());
        }
    }

    record PageView(List<SourceView> items, int page, int size, long total) {}

    record AddRequest(String type, String name, String text, String url) {}

    record Embedding(String provider, String model, String baseUrl, String apiKey, Boolean apiKeySet) {}

    record SettingsView(Embedding embedding, int chunkSize, int chunkOverlap) {}

    record SettingsRequest(Embedding embedding, Integer chunkSize, Integer chunkOverlap) {}

    @PostMapping(path = "/sources", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<SourceView> upload(@PathVariable String botId, @RequestPart("file") MultipartFile file) {
        // The servlet's multipart limit is the ceiling for every upload route (100 MB WhatsApp documents): the
        // knowledge base's own, smaller limit is checked before the file is read into memory.
        if (file.getSize() > properties.maxFileSize().toBytes()) {
            throw UnsupportedContentException.tooLarge(
                    file.getSize(), properties.maxFileSize().toBytes());
        }
        try {
            return accepted(
                    botId,
                    knowledge.addFile(bot(botId), file.getOriginalFilename(), file.getContentType(), file.getBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @PostMapping(path = "/sources", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<SourceView> add(@PathVariable String botId, @RequestBody AddRequest request) {
        String type = request == null ? null : request.type();
        if ("text".equals(type)) {
            return accepted(botId, knowledge.addText(bot(botId), request.name(), request.text()));
        }
        if ("url".equals(type)) {
            return accepted(botId, knowledge.addUrl(bot(botId), request.url()));
        }
        throw new InvalidRequestException(
                "validation_failed",
                "type must be \"text\" or \"url\" (files are uploaded as multipart field \"file\")");
    }

    @PostMapping("/crawl")
    ResponseEntity<KnowledgeCrawl> crawl(@PathVariable String botId, @RequestBody CrawlRequest request) {
        KnowledgeCrawl crawl = knowledge.crawl(bot(botId), request);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/chatbots/" + botId + "/knowledge/crawl/" + crawl.id()))
                .body(crawl);
    }

    @GetMapping("/crawl/{crawlId}")
    KnowledgeCrawl crawlStatus(@PathVariable String botId, @PathVariable String crawlId) {
        return knowledge.crawlStatus(bot(botId), id(crawlId, "crawl"));
    }

    @GetMapping("/sources")
    PageView list(
            @PathVariable String botId,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String type,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        SourcePage result = knowledge.list(bot(botId), status, type, page, size);
        return new PageView(
                result.items().stream().map(SourceView::of).toList(), result.page(), result.size(), result.total());
    }

    @GetMapping("/sources/{sourceId}")
    SourceView get(@PathVariable String botId, @PathVariable String sourceId) {
        return SourceView.of(knowledge.get(bot(botId), id(sourceId, "knowledge_source")));
    }

    @DeleteMapping("/sources/{sourceId}")
    ResponseEntity<Void> delete(@PathVariable String botId, @PathVariable String sourceId) {
        knowledge.delete(bot(botId), id(sourceId, "knowledge_source"));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/sources/{sourceId}/reindex")
    ResponseEntity<SourceView> reindex(@PathVariable String botId, @PathVariable String sourceId) {
        return ResponseEntity.accepted()
                .body(SourceView.of(knowledge.reindex(bot(botId), id(sourceId, "knowledge_source"))));
    }

    @GetMapping("/quota")
    KnowledgeQuota quota(@PathVariable String botId) {
        return knowledge.quota(bot(botId));
    }

    @GetMapping("/settings")
    SettingsView settings(@PathVariable String botId) {
        return view(knowledge.settings(bot(botId)));
    }

    @PutMapping("/settings")
    SettingsView updateSettings(@PathVariable String botId, @RequestBody SettingsRequest request) {
        if (request == null) {
            throw new InvalidRequestException("validation_failed", "A JSON object is required");
        }
        Embedding e = request.embedding();
        return view(knowledge.updateSettings(
                bot(botId),
                new KnowledgeSettingsUpdate(
                        e == null ? null : e.provider(),
                        e == null ? null : e.model(),
                        e == null ? null : e.baseUrl(),
                        e == null ? null : e.apiKey(),
                        request.chunkSize(),
                        request.chunkOverlap())));
    }

    private static SettingsView view(KnowledgeSettings s) {
        return new SettingsView(
                new Embedding(s.provider(), s.model(), s.baseUrl(), null, s.apiKeySet()),
                s.chunkSize(),
                s.chunkOverlap());
    }

    private static ResponseEntity<SourceView> accepted(String botId, KnowledgeSource source) {
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/chatbots/" + botId + "/knowledge/sources/" + source.id()))
                .body(SourceView.of(source));
    }

    private static ChatbotId bot(String value) {
        return Ids.parse(value, "chatbot", ChatbotId::new);
    }

    private static UUID id(String value, String what) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(
                    what + "_not_found",
                    "No " + what.replace('_', ' ') + " with id '"
                            + (value.length() <= 64 ? value : value.substring(0, 64)) + "'");
        }
    }
}
