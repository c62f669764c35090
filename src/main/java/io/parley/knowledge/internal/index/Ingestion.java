package io.parley.knowledge.internal.index;

import io.parley.knowledge.QuotaExceededException;
import io.parley.knowledge.internal.KnowledgeProperties;
import io.parley.knowledge.internal.SettingsRepository;
import io.parley.knowledge.internal.SourceRepository;
import io.parley.knowledge.internal.crawl.PageStore;
import io.parley.knowledge.internal.embed.Embedder;
import io.parley.knowledge.internal.embed.Embedders;
import io.parley.knowledge.internal.embed.EmbeddingMetering;
import io.parley.knowledge.internal.extract.ExtractionException;
import io.parley.knowledge.internal.extract.ExtractionPool;
import io.parley.knowledge.internal.extract.Extractor;
import io.parley.platform.TransientException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * One ingestion run of a source: stored bytes (fetched first for a new URL source) → sections → chunks → vectors →
 * chunk rows. Returns when to run again (waiting for a fair slot, or a retry after a transient failure); empty
 * when the source is synced, failed or gone. Database failures propagate: the job backs off and runs again.
 * Extraction runs on the {@link ExtractionPool}; a document that breaks its limits (time, unpacked size) fails for
 * good, like a corrupt one.
 */
@Component
class Ingestion {
    private static final Logger log = LoggerFactory.getLogger(Ingestion.class);

    private final SourceClaims claims;
    private final SourceRepository sources;
    private final PageStore pages;
    private final SettingsRepository settings;
    private final Embedders embedders;
    private final ChunkWriter writer;
    private final EmbeddingMetering metering;
    private final ExtractionPool extraction;
    private final KnowledgeProperties properties;
    private final Clock clock;

    Ingestion(
            SourceClaims claims,
            SourceRepository sources,
            PageStore pages,
            SettingsRepository settings,
            Embedders embedders,
            ChunkWriter writer,
            EmbeddingMetering metering,
            ExtractionPool extraction,
            KnowledgeProperties properties,
            Clock clock) {
        this.metering = metering;
        this.extraction = extraction;
        this.claims = claims;
        this.sources = sources;
        this.pages = pages;
        this.settings = settings;
        this.embedders = embedders;
        this.writer = writer;
        this.properties = properties;
        this.clock = clock;
    }

    Optional<Instant> run(UUID sourceId) {
        SourceClaims.Claim claim = claims.claim(sourceId);
        if (claim instanceof SourceClaims.Wait) {
            return Optional.of(clock.instant().plus(properties.fairnessWait()));
        }
        if (!(claim instanceof SourceClaims.Claimed source)) {
            return Optional.empty();
        }
        try {
            ingest(source);
            // Requeued (reindex) while this run worked: its result was discarded, run again with the new input.
            return claims.isPending(sourceId) ? Optional.of(clock.instant()) : Optional.empty();
        } catch (ExtractionPool.Busy e) {
            // every parse thread busy and the queue full: give the claim back (no attempt spent) and come back
            claims.release(sourceId);
            return Optional.of(clock.instant().plus(properties.fairnessWait()));
        } catch (TransientException e) {
            if (source.attempt() < properties.maxAttempts()) {
                claims.retryLater(sourceId, "Attempt " + source.attempt() + " failed, retrying: " + e.getMessage());
                return Optional.of(clock.instant().plus(properties.backoff(source.attempt())));
            }
            claims.fail(sourceId, e.getMessage() + " (gave up after " + source.attempt() + " attempts)");
        } catch (ExtractionException | IllegalArgumentException | IllegalStateException | QuotaExceededException e) {
            claims.fail(sourceId, e.getMessage());
        } catch (DataAccessException e) {
            throw e;
        } catch (RuntimeException e) {
            log.error("Ingestion of knowledge source {} failed unexpectedly", sourceId, e);
            claims.fail(
                    sourceId,
                    "Unexpected error while ingesting (" + e.getClass().getSimpleName() + ")");
        }
        log.info("Knowledge source {} failed (attempt {})", sourceId, source.attempt());
        return Optional.empty();
    }

    private void ingest(SourceClaims.Claimed source) {
        PageStore.Content content = sources.content(source.id())
                .map(bytes -> new PageStore.Content(bytes, source.mediaType()))
                .orElseGet(() -> pages.fetchAndStore(source, URI.create(source.url())));
        claims.progress(source.id(), 5);
        Extractor.Extracted extracted = extraction.extract(content.bytes(), content.mediaType(), source.url());
        if (extracted.title() != null && "url".equals(source.type())) {
            pages.rename(source.id(), extracted.title());
        }
        SettingsRepository.Stored stored = settings.find(source.chatbotId());
        List<Chunk> chunks = new Chunker(stored.chunkSize(), stored.chunkOverlap()).chunk(extracted.sections());
        claims.progress(source.id(), 10);
        Embedder embedder = embedders.forChatbot(source.chatbotId());
        List<float[]> vectors = new ArrayList<>(chunks.size());
        int batch = Math.max(1, properties.embedBatchSize());
        for (int from = 0; from < chunks.size(); from += batch) {
            List<String> texts = chunks.subList(from, Math.min(chunks.size(), from + batch)).stream()
                    .map(Chunk::text)
                    .toList();
            Embedder.Batch embedded = embedder.embedBatch(texts);
            metering.record(source, embedder, from / batch, texts, embedded);
            vectors.addAll(embedded.vectors());
            claims.progress(source.id(), 10 + (int) (85L * vectors.size() / chunks.size()));
        }
        if (writer.replace(
                source.id(), source.organizationId(), source.chatbotId(), chunks, vectors, embedder.modelId())) {
            log.info("Knowledge source {} synced: {} chunks with {}", source.id(), chunks.size(), embedder.modelId());
        }
    }
}
