package io.parley.knowledge.internal;

import io.parley.knowledge.KnowledgeSource;
import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** knowledge_sources and knowledge_contents. Every lookup names the chatbot and its organization. */
@Repository
public class SourceRepository {
    private static final String COLUMNS = """
            id, chatbot_id, crawl_id, type, name, url, media_type, size_bytes, status, progress, chunk_count, error,
            attempts, embedding_model, embedding_dimension, created_at, started_at, finished_at""";

    private final JdbcClient jdbc;

    SourceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record NewSource(
            UUID id,
            OrganizationId organizationId,
            ChatbotId chatbotId,
            UUID crawlId,
            String type,
            String name,
            String url,
            String mediaType,
            byte[] content,
            String contentHash) {}

    public void insert(NewSource source, Instant now) {
        jdbc.sql("""
                        insert into knowledge_sources (id, organization_id, chatbot_id, crawl_id, type, name, url,
                            media_type, size_bytes, content_hash, status, created_at, updated_at)
                        values (:id, :org, :bot, :crawl, :type, :name, :url, :mediaType, :size, :hash, 'pending',
                            :now, :now)""")
                .param("id", source.id())
                .param("org", source.organizationId().value())
                .param("bot", source.chatbotId().value())
                .param("crawl", source.crawlId())
                .param("type", source.type())
                .param("name", source.name())
                .param("url", source.url())
                .param("mediaType", source.mediaType())
                .param("size", source.content() == null ? 0L : (long) source.content().length)
                .param("hash", source.contentHash())
                .param("now", Timestamp.from(now))
                .update();
        if (source.content() != null) {
            storeContent(source.id(), source.organizationId(), source.content());
        }
    }

    public void storeContent(UUID sourceId, OrganizationId organizationId, byte[] content) {
        jdbc.sql("""
                        insert into knowledge_contents (source_id, organization_id, content) values (:id, :org, :content)
                        on conflict (source_id) do update set content = excluded.content""")
                .param("id", sourceId)
                .param("org", organizationId.value())
                .param("content", content)
                .update();
    }

    public Optional<byte[]> content(UUID sourceId) {
        return jdbc.sql("select content from knowledge_contents where source_id = :id")
                .param("id", sourceId)
                .query((rs, n) -> rs.getBytes(1))
                .optional();
    }

    public Optional<UUID> findByHash(ChatbotId chatbotId, String hash) {
        return jdbc.sql("select id from knowledge_sources where chatbot_id = :bot and content_hash = :hash")
                .param("bot", chatbotId.value())
                .param("hash", hash)
                .query(UUID.class)
                .optional();
    }

    public Optional<UUID> findByUrl(ChatbotId chatbotId, String url) {
        return jdbc.sql("select id from knowledge_sources where chatbot_id = :bot and url = :url")
                .param("bot", chatbotId.value())
                .param("url", url)
                .query(UUID.class)
                .optional();
    }

    public Optional<KnowledgeSource> find(OrganizationId organizationId, ChatbotId chatbotId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from knowledge_sources where id = :id and chatbot_id = :bot"
                        + " and organization_id = :org")
                .param("id", id)
                .param("bot", chatbotId.value())
                .param("org", organizationId.value())
                .query(SourceRepository::map)
                .optional();
    }

    Optional<KnowledgeSource> findForUpdate(OrganizationId organizationId, ChatbotId chatbotId, UUID id) {
        return jdbc.sql("select " + COLUMNS + " from knowledge_sources where id = :id and chatbot_id = :bot"
                        + " and organization_id = :org for update")
                .param("id", id)
                .param("bot", chatbotId.value())
                .param("org", organizationId.value())
                .query(SourceRepository::map)
                .optional();
    }

    List<KnowledgeSource> list(
            OrganizationId organizationId, ChatbotId chatbotId, String status, String type, int page, int size) {
        return jdbc.sql("select " + COLUMNS + """
                         from knowledge_sources where chatbot_id = :bot and organization_id = :org
                         and (cast(:status as text) is null or status = :status)
                         and (cast(:type as text) is null or type = :type)
                        order by created_at desc, id limit :limit offset :offset""")
                .param("bot", chatbotId.value())
                .param("org", organizationId.value())
                .param("status", status)
                .param("type", type)
                .param("limit", size)
                .param("offset", (long) page * size)
                .query(SourceRepository::map)
                .list();
    }

    long count(OrganizationId organizationId, ChatbotId chatbotId, String status, String type) {
        return jdbc.sql("""
                        select count(*) from knowledge_sources where chatbot_id = :bot and organization_id = :org
                         and (cast(:status as text) is null or status = :status)
                         and (cast(:type as text) is null or type = :type)""")
                .param("bot", chatbotId.value())
                .param("org", organizationId.value())
                .param("status", status)
                .param("type", type)
                .query(Long.class)
                .single();
    }

    List<UUID> ids(OrganizationId organizationId, ChatbotId chatbotId) {
        return jdbc.sql("select id from knowledge_sources where chatbot_id = :bot and organization_id = :org")
                .param("bot", chatbotId.value())
                .param("org", organizationId.value())
                .query(UUID.class)
                .list();
    }

    /** Back to pending for a new ingestion run (reindex); returns false when the source is gone. */
    boolean requeue(UUID id, Instant now) {
        return jdbc.sql("""
                        update knowledge_sources set status = 'pending', progress = 0, error = null, attempts = 0,
                            ingest_run = gen_random_uuid(), updated_at = :now where id = :id""").param("id", id).param("now", Timestamp.from(now)).update() == 1;
    }

    void delete(UUID id) {
        jdbc.sql("delete from knowledge_sources where id = :id").param("id", id).update();
    }

    static KnowledgeSource map(ResultSet rs, int row) throws SQLException {
        return new KnowledgeSource(
                rs.getObject("id", UUID.class),
                new ChatbotId(rs.getObject("chatbot_id", UUID.class)),
                rs.getObject("crawl_id", UUID.class),
                rs.getString("type"),
                rs.getString("name"),
                rs.getString("url"),
                rs.getString("media_type"),
                rs.getLong("size_bytes"),
                rs.getString("status"),
                rs.getInt("progress"),
                rs.getInt("chunk_count"),
                rs.getString("error"),
                rs.getInt("attempts"),
                rs.getString("embedding_model"),
                (Integer) rs.getObject("embedding_dimension"),
                instant(rs, "created_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
