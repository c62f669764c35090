package io.parley.flows.internal;

import io.parley.flows.FlowFormat;
import io.parley.flows.FlowKeySummary;
import io.parley.flows.FlowStatus;
import io.parley.flows.FlowVersion;
import io.parley.flows.StoredFlow;
import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@code flow_definitions}. Every change of a key's versions first takes a transaction-scoped advisory lock on
 * (chatbot, key), so two saves or publishes of one key run one after the other and always see each other's rows.
 */
@Repository
public class FlowDefinitionRepository {
    private static final String META = "key, version, status, checksum, created_at, updated_at, published_at";

    private final JdbcClient jdbc;
    private final Clock clock;

    FlowDefinitionRepository(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What a save writes. */
    public record Document(String definitionJson, String source, FlowFormat format, String checksum) {}

    /** Locks (chatbot, key) until the transaction ends. */
    public void lock(ChatbotId chatbot, String key) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:lock, 0))")
                .param("lock", "flow_definitions:" + chatbot.value() + ":" + key)
                .query(Object.class)
                .single();
    }

    public Optional<FlowVersion> draft(ChatbotId chatbot, String key) {
        return jdbc.sql("select " + META + " from flow_definitions where chatbot_id = :bot and key = :key"
                        + " and status = 'draft'")
                .param("bot", chatbot.value())
                .param("key", key)
                .query(FlowDefinitionRepository::version)
                .optional();
    }

    public void replaceDraft(ChatbotId chatbot, String key, Document document) {
        jdbc.sql("""
                        update flow_definitions set definition = cast(:definition as jsonb), source = :source,
                            source_format = :format, checksum = :checksum, updated_at = :now
                        where chatbot_id = :bot and key = :key and status = 'draft'""")
                .param("definition", document.definitionJson())
                .param("source", document.source())
                .param("format", document.format().name().toLowerCase(Locale.ROOT))
                .param("checksum", document.checksum())
                .param("now", Timestamp.from(clock.instant()))
                .param("bot", chatbot.value())
                .param("key", key)
                .update();
    }

    /** Inserts the next version number of the key as a draft. */
    public void insertDraft(OrganizationId organization, ChatbotId chatbot, String key, Document document) {
        Timestamp now = Timestamp.from(clock.instant());
        jdbc.sql("""
                        insert into flow_definitions (id, organization_id, chatbot_id, key, version, status, definition,
                            source, source_format, checksum, created_at, updated_at)
                        select :id, :org, :bot, :key, coalesce(max(version), 0) + 1, 'draft', cast(:definition as jsonb),
                            :source, :format, :checksum, :now, :now
                        from flow_definitions where chatbot_id = :bot and key = :key""")
                .param("id", UUID.randomUUID())
                .param("org", organization.value())
                .param("bot", chatbot.value())
                .param("key", key)
                .param("definition", document.definitionJson())
                .param("source", document.source())
                .param("format", document.format().name().toLowerCase(Locale.ROOT))
                .param("checksum", document.checksum())
                .param("now", now)
                .update();
    }

    /** Archives the published version (if any) and publishes the draft; false when there is no draft. */
    public boolean publishDraft(ChatbotId chatbot, String key) {
        Timestamp now = Timestamp.from(clock.instant());
        if (draft(chatbot, key).isEmpty()) {
            return false;
        }
        jdbc.sql("update flow_definitions set status = 'archived', updated_at = :now"
                        + " where chatbot_id = :bot and key = :key and status = 'published'")
                .param("now", now)
                .param("bot", chatbot.value())
                .param("key", key)
                .update();
        jdbc.sql("update flow_definitions set status = 'published', published_at = :now, updated_at = :now"
                        + " where chatbot_id = :bot and key = :key and status = 'draft'")
                .param("now", now)
                .param("bot", chatbot.value())
                .param("key", key)
                .update();
        return true;
    }

    /** The given version, or the latest when {@code version} is null. */
    public Optional<StoredFlow> find(ChatbotId chatbot, String key, Integer version) {
        return jdbc.sql("select " + META + ", source, source_format from flow_definitions"
                        + " where chatbot_id = :bot and key = :key and (cast(:version as int) is null or version = :version)"
                        + " order by version desc limit 1")
                .param("bot", chatbot.value())
                .param("key", key)
                .param("version", version)
                .query((rs, row) -> new StoredFlow(
                        version(rs, row),
                        rs.getString("source"),
                        FlowFormat.valueOf(rs.getString("source_format").toUpperCase(Locale.ROOT))))
                .optional();
    }

    public List<FlowVersion> versions(ChatbotId chatbot, String key) {
        return jdbc.sql("select " + META + " from flow_definitions where chatbot_id = :bot and key = :key"
                        + " order by version")
                .param("bot", chatbot.value())
                .param("key", key)
                .query(FlowDefinitionRepository::version)
                .list();
    }

    public List<FlowKeySummary> keys(ChatbotId chatbot) {
        return jdbc.sql("""
                        select key, max(version) filter (where status = 'published') as published,
                            max(version) filter (where status = 'draft') as draft, max(version) as latest
                        from flow_definitions where chatbot_id = :bot group by key order by key""")
                .param("bot", chatbot.value())
                .query((rs, row) -> new FlowKeySummary(
                        rs.getString("key"),
                        rs.getObject("published", Integer.class),
                        rs.getObject("draft", Integer.class),
                        rs.getInt("latest")))
                .list();
    }

    public boolean hasPublished(ChatbotId chatbot, String key) {
        return jdbc.sql("select exists (select 1 from flow_definitions where chatbot_id = :bot and key = :key"
                        + " and status = 'published')")
                .param("bot", chatbot.value())
                .param("key", key)
                .query(Boolean.class)
                .single();
    }

    private static FlowVersion version(ResultSet rs, int row) throws SQLException {
        return new FlowVersion(
                rs.getString("key"),
                rs.getInt("version"),
                FlowStatus.fromWire(rs.getString("status")),
                rs.getString("checksum"),
                instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("published_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
