package io.parley.knowledge.internal;

import io.parley.knowledge.KnowledgeQuota;
import io.parley.knowledge.QuotaExceededException;
import io.parley.platform.OrganizationId;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An organization's knowledge usage (knowledge_usage), checked and counted in the caller's transaction under a row
 * lock, so concurrent uploads cannot both take the last slot and nothing drifts. Days are UTC days.
 */
@Component
class QuotaLedger {
    private final JdbcClient jdbc;
    private final KnowledgeProperties properties;
    private final Clock clock;

    QuotaLedger(JdbcClient jdbc, KnowledgeProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    private record Row(int documents, int urls, long storageBytes, int ingestionsToday) {
    }

    /** Takes one document or URL slot, one ingestion and {@code bytes} of storage, or throws. */
    void take(OrganizationId organizationId, boolean url, long bytes) {
        Row row = locked(organizationId);
        KnowledgeProperties.Quota quota = properties.quota();
        long maxStorage = quota.storage().toBytes();
        if (row.storageBytes() + bytes > maxStorage) {
            throw new QuotaExceededException("storage", row.storageBytes(), maxStorage);
        }
        if (row.ingestionsToday() >= quota.ingestionsPerDay()) {
            throw new QuotaExceededException("ingestions", row.ingestionsToday(), quota.ingestionsPerDay());
        }
        if (url && row.urls() >= quota.urls()) {
            throw new QuotaExceededException("urls", row.urls(), quota.urls());
        }
        if (!url && row.documents() >= quota.documents()) {
            throw new QuotaExceededException("documents", row.documents(), quota.documents());
        }
        jdbc.sql("""
                        update knowledge_usage set documents = documents + :doc, urls = urls + :url,
                            storage_bytes = storage_bytes + :bytes, ingestions_today = ingestions_today + 1
                        where organization_id = :org""")
                .param("doc", url ? 0 : 1).param("url", url ? 1 : 0).param("bytes", bytes)
                .param("org", organizationId.value()).update();
    }

    /** Adds the bytes of a fetched page to storage, or throws when they do not fit. */
    void addStorage(OrganizationId organizationId, long bytes) {
        Row row = locked(organizationId);
        long maxStorage = properties.quota().storage().toBytes();
        if (row.storageBytes() + bytes > maxStorage) {
            throw new QuotaExceededException("storage", row.storageBytes(), maxStorage);
        }
        jdbc.sql("update knowledge_usage set storage_bytes = storage_bytes + :bytes where organization_id = :org")
                .param("bytes", bytes).param("org", organizationId.value()).update();
    }

    /** Gives back a deleted source's slot and storage (ingestions of the day stay counted). */
    void release(OrganizationId organizationId, boolean url, long bytes) {
        locked(organizationId);
        jdbc.sql("""
                        update knowledge_usage set documents = greatest(documents - :doc, 0),
                            urls = greatest(urls - :url, 0), storage_bytes = greatest(storage_bytes - :bytes, 0)
                        where organization_id = :org""")
                .param("doc", url ? 0 : 1).param("url", url ? 1 : 0).param("bytes", bytes)
                .param("org", organizationId.value()).update();
    }

    KnowledgeQuota usage(OrganizationId organizationId) {
        Row row = jdbc.sql("""
                        select documents, urls, storage_bytes,
                               case when ingestions_day = :today then ingestions_today else 0 end as today
                        from knowledge_usage where organization_id = :org""")
                .param("org", organizationId.value()).param("today", today())
                .query((rs, n) -> new Row(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getInt(4)))
                .optional().orElse(new Row(0, 0, 0, 0));
        KnowledgeProperties.Quota quota = properties.quota();
        return new KnowledgeQuota(new KnowledgeQuota.Usage(row.documents(), quota.documents()),
                new KnowledgeQuota.Usage(row.urls(), quota.urls()),
                new KnowledgeQuota.Usage(row.ingestionsToday(), quota.ingestionsPerDay()),
                new KnowledgeQuota.Usage(row.storageBytes(), quota.storage().toBytes()));
    }

    /** The organization's row, created if missing, locked for this transaction, its daily counter reset at UTC midnight. */
    private Row locked(OrganizationId organizationId) {
        jdbc.sql("insert into knowledge_usage (organization_id) values (:org) on conflict do nothing")
                .param("org", organizationId.value()).update();
        jdbc.sql("""
                        update knowledge_usage set ingestions_day = :today, ingestions_today = 0
                        where organization_id = :org and ingestions_day is distinct from :today""")
                .param("org", organizationId.value()).param("today", today()).update();
        return jdbc.sql("""
                        select documents, urls, storage_bytes, ingestions_today from knowledge_usage
                        where organization_id = :org for update""")
                .param("org", organizationId.value())
                .query((rs, n) -> new Row(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getInt(4))).single();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
