package io.parley.knowledge.internal.quota;

import io.parley.knowledge.KnowledgeQuota;
import io.parley.knowledge.QuotaExceededException;
import io.parley.platform.OrganizationId;
import io.parley.usage.EffectiveLimits;
import io.parley.usage.Limits;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An organization's knowledge usage (knowledge_usage), checked and counted in the caller's transaction under a row
 * lock, so concurrent uploads cannot both take the last slot and nothing drifts. Days are UTC days. The limits are
 * the organization's effective limits (its plan and overrides, see {@link Limits}); a null limit is unlimited.
 */
@Component
public class QuotaLedger {
    private final JdbcClient jdbc;
    private final Limits limits;
    private final Clock clock;

    QuotaLedger(JdbcClient jdbc, Limits limits, Clock clock) {
        this.jdbc = jdbc;
        this.limits = limits;
        this.clock = clock;
    }

    private record Row(int documents, int urls, long storageBytes, int ingestionsToday) {}

    /** Takes one document or URL slot, one ingestion and {@code bytes} of storage, or throws. */
    void take(OrganizationId organizationId, boolean url, long bytes) {
        Row row = locked(organizationId);
        EffectiveLimits quota = limits.effective(organizationId);
        Long maxStorage = quota.knowledgeStorageBytes();
        if (maxStorage != null && row.storageBytes() + bytes > maxStorage) {
            throw new QuotaExceededException("storage", row.storageBytes(), maxStorage);
        }
        Integer maxIngestions = quota.knowledgeIngestionsPerDay();
        if (maxIngestions != null && row.ingestionsToday() >= maxIngestions) {
            throw new QuotaExceededException("ingestions", row.ingestionsToday(), maxIngestions);
        }
        if (url && quota.knowledgeUrls() != null && row.urls() >= quota.knowledgeUrls()) {
            throw new QuotaExceededException("urls", row.urls(), quota.knowledgeUrls());
        }
        if (!url && quota.knowledgeDocuments() != null && row.documents() >= quota.knowledgeDocuments()) {
            throw new QuotaExceededException("documents", row.documents(), quota.knowledgeDocuments());
        }
        jdbc.sql("""
                        update knowledge_usage set documents = documents + :doc, urls = urls + :url,
                            storage_bytes = storage_bytes + :bytes, ingestions_today = ingestions_today + 1
                        where organization_id = :org""")
                .param("doc", url ? 0 : 1)
                .param("url", url ? 1 : 0)
                .param("bytes", bytes)
                .param("org", organizationId.value())
                .update();
    }

    /** Adds the bytes of a fetched page to storage, or throws when they do not fit. */
    public void addStorage(OrganizationId organizationId, long bytes) {
        Row row = locked(organizationId);
        Long maxStorage = limits.effective(organizationId).knowledgeStorageBytes();
        if (maxStorage != null && row.storageBytes() + bytes > maxStorage) {
            throw new QuotaExceededException("storage", row.storageBytes(), maxStorage);
        }
        jdbc.sql("update knowledge_usage set storage_bytes = storage_bytes + :bytes where organization_id = :org")
                .param("bytes", bytes)
                .param("org", organizationId.value())
                .update();
    }

    /** Gives back a deleted source's slot and storage (ingestions of the day stay counted). */
    public void release(OrganizationId organizationId, boolean url, long bytes) {
        locked(organizationId);
        jdbc.sql("""
                        update knowledge_usage set documents = greatest(documents - :doc, 0),
                            urls = greatest(urls - :url, 0), storage_bytes = greatest(storage_bytes - :bytes, 0)
                        where organization_id = :org""")
                .param("doc", url ? 0 : 1)
                .param("url", url ? 1 : 0)
                .param("bytes", bytes)
                .param("org", organizationId.value())
                .update();
    }

    public KnowledgeQuota usage(OrganizationId organizationId) {
        Row row = jdbc.sql("""
                        select documents, urls, storage_bytes,
                               case when ingestions_day = :today then ingestions_today else 0 end as today
                        from knowledge_usage where organization_id = :org""")
                .param("org", organizationId.value())
                .param("today", today())
                .query((rs, n) -> new Row(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getInt(4)))
                .optional()
                .orElse(new Row(0, 0, 0, 0));
        EffectiveLimits quota = limits.effective(organizationId);
        return new KnowledgeQuota(
                new KnowledgeQuota.Usage(row.documents(), asLong(quota.knowledgeDocuments())),
                new KnowledgeQuota.Usage(row.urls(), asLong(quota.knowledgeUrls())),
                new KnowledgeQuota.Usage(row.ingestionsToday(), asLong(quota.knowledgeIngestionsPerDay())),
                new KnowledgeQuota.Usage(row.storageBytes(), quota.knowledgeStorageBytes()));
    }

    /** The organization's row, created if missing, locked for this transaction, its daily counter reset at UTC midnight. */
    private Row locked(OrganizationId organizationId) {
        jdbc.sql("insert into knowledge_usage (organization_id) values (:org) on conflict do nothing")
                .param("org", organizationId.value())
                .update();
        jdbc.sql("""
                        update knowledge_usage set ingestions_day = :today, ingestions_today = 0
                        where organization_id = :org and ingestions_day is distinct from :today""")
                .param("org", organizationId.value())
                .param("today", today())
                .update();
        return jdbc.sql("""
                        select documents, urls, storage_bytes, ingestions_today from knowledge_usage
                        where organization_id = :org for update""")
                .param("org", organizationId.value())
                .query((rs, n) -> new Row(rs.getInt(1), rs.getInt(2), rs.getLong(3), rs.getInt(4)))
                .single();
    }

    private static Long asLong(Integer value) {
        return value == null ? null : value.longValue();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
