package io.parley.knowledge.internal.index;

import io.parley.knowledge.internal.KnowledgeProperties;
import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Source state transitions of an ingestion run. {@link #claim} is the fairness gate: an organization runs at most
 * {@code maxConcurrentPerOrganization} ingestions at once (counted under a per-organization advisory lock); the
 * rest wait for a slot, so one tenant's large batch cannot occupy every job thread. A source found still
 * {@code processing} by a new run lost its previous run with a crashed node; after {@code maxAttempts} such runs it
 * fails instead of taking the next node down with it.
 */
@Component
public class SourceClaims {
    /** A processing row not touched for this long belongs to a crashed run; it no longer holds a slot. */
    private static final Duration STALE = Duration.ofMinutes(10);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final KnowledgeProperties properties;
    private final Clock clock;

    SourceClaims(JdbcClient jdbc, TransactionTemplate transactions, KnowledgeProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    sealed interface Claim permits Claimed, Wait, Nothing {}

    public record Claimed(
            UUID id,
            OrganizationId organizationId,
            ChatbotId chatbotId,
            String type,
            String url,
            String mediaType,
            int attempt,
            UUID run)
            implements Claim {}

    record Wait() implements Claim {}

    /** Deleted, or already synced/failed: nothing to do. */
    record Nothing() implements Claim {}

    private record Row(
            OrganizationId org,
            ChatbotId bot,
            String type,
            String url,
            String mediaType,
            String status,
            int attempts,
            UUID run) {}

    Claim claim(UUID sourceId) {
        return transactions.execute(tx -> {
            Optional<Row> found = row(sourceId, false);
            if (found.isEmpty()
                    || !(found.get().status().equals("pending")
                            || found.get().status().equals("processing"))) {
                return new Nothing();
            }
            jdbc.sql("select pg_advisory_xact_lock(hashtext('knowledge-ingest:' || cast(:org as text)))")
                    .param("org", found.get().org().value())
                    .query()
                    .singleRow();
            Row row = row(sourceId, true).orElseThrow();
            if (row.status().equals("processing") && row.attempts() >= properties.maxAttempts()) {
                // every run so far died with its node (a document that brings the server down): stop trying
                fail(sourceId, "Gave up after " + row.attempts() + " attempts: the server stopped while ingesting it");
                return new Nothing();
            }
            Instant now = clock.instant();
            int running = jdbc.sql("""
                            select count(*) from knowledge_sources where organization_id = :org
                            and status = 'processing' and id <> :id and updated_at > :stale""")
                    .param("org", row.org().value())
                    .param("id", sourceId)
                    .param("stale", Timestamp.from(now.minus(STALE)))
                    .query(Integer.class)
                    .single();
            if (running >= properties.maxConcurrentPerOrganization()) {
                return new Wait();
            }
            jdbc.sql("""
                            update knowledge_sources set status = 'processing', progress = 0, attempts = attempts + 1,
                                started_at = :now, finished_at = null, updated_at = :now where id = :id""")
                    .param("now", Timestamp.from(now))
                    .param("id", sourceId)
                    .update();
            return new Claimed(
                    sourceId,
                    row.org(),
                    row.bot(),
                    row.type(),
                    row.url(),
                    row.mediaType(),
                    row.attempts() + 1,
                    row.run());
        });
    }

    private Optional<Row> row(UUID id, boolean lock) {
        return jdbc.sql("select organization_id, chatbot_id, type, url, media_type, status, attempts, ingest_run"
                        + " from knowledge_sources where id = :id" + (lock ? " for update" : ""))
                .param("id", id)
                .query((rs, n) -> new Row(
                        new OrganizationId(rs.getObject(1, UUID.class)),
                        new ChatbotId(rs.getObject(2, UUID.class)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getInt(7),
                        rs.getObject(8, UUID.class)))
                .optional();
    }

    void progress(UUID id, int percent) {
        jdbc.sql(
                        "update knowledge_sources set progress = :p, updated_at = :now where id = :id and status = 'processing'")
                .param("p", Math.max(0, Math.min(99, percent)))
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
    }

    /** No room to work on it now: back to pending as if this run had not been claimed (no attempt spent). */
    void release(UUID id) {
        jdbc.sql("""
                        update knowledge_sources set status = 'pending', progress = 0,
                            attempts = greatest(attempts - 1, 0), updated_at = :now
                        where id = :id and status = 'processing'""")
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
    }

    /** A transient failure: back to pending with the reason, to be retried. */
    void retryLater(UUID id, String reason) {
        jdbc.sql("""
                        update knowledge_sources set status = 'pending', progress = 0, error = :error, updated_at = :now
                        where id = :id and status = 'processing'""")
                .param("error", reason)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
    }

    void fail(UUID id, String reason) {
        jdbc.sql("""
                        update knowledge_sources set status = 'failed', error = :error, finished_at = :now,
                            updated_at = :now where id = :id and status = 'processing'""")
                .param("error", reason.length() > 500 ? reason.substring(0, 500) : reason)
                .param("now", Timestamp.from(clock.instant()))
                .param("id", id)
                .update();
    }

    boolean isPending(UUID id) {
        return row(id, false).map(r -> r.status().equals("pending")).orElse(false);
    }
}
