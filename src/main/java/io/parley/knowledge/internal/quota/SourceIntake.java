package io.parley.knowledge.internal.quota;

import io.parley.knowledge.KnowledgeSource;
import io.parley.knowledge.internal.SourceRepository;
import io.parley.knowledge.internal.index.IngestionJob;
import io.parley.platform.ConflictException;
import io.parley.platform.Jobs;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts a new source in one transaction: duplicate check, quota counted, row and original bytes inserted, and
 * its ingestion job scheduled, so a source exists if and only if it is counted and will be ingested.
 */
@Component
public class SourceIntake {
    private final SourceRepository sources;
    private final QuotaLedger quota;
    private final Jobs jobs;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SourceIntake(
            SourceRepository sources, QuotaLedger quota, Jobs jobs, TransactionTemplate transactions, Clock clock) {
        this.sources = sources;
        this.quota = quota;
        this.jobs = jobs;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The new source as committed (pending): read in the transaction, before its job can start. */
    public KnowledgeSource accept(SourceRepository.NewSource source) {
        try {
            return transactions.execute(tx -> {
                existing(source).ifPresent(id -> {
                    throw duplicate(id);
                });
                boolean url = "url".equals(source.type());
                quota.take(source.organizationId(), url, source.content() == null ? 0 : source.content().length);
                sources.insert(source, clock.instant());
                jobs.scheduleIfAbsent(IngestionJob.TASK, source.id().toString(), clock.instant());
                return sources.find(source.organizationId(), source.chatbotId(), source.id())
                        .orElseThrow();
            });
        } catch (DuplicateKeyException e) {
            // Added concurrently by another request: name the winner.
            throw existing(source).map(SourceIntake::duplicate).orElseThrow(() -> e);
        }
    }

    private Optional<UUID> existing(SourceRepository.NewSource source) {
        return source.url() != null
                ? sources.findByUrl(source.chatbotId(), source.url())
                : sources.findByHash(source.chatbotId(), source.contentHash());
    }

    private static ConflictException duplicate(UUID existing) {
        return new ConflictException(
                "duplicate_source",
                "This chatbot already has this content as source " + existing,
                Map.of("existingSourceId", existing.toString()));
    }
}
