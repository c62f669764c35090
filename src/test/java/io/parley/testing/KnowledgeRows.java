package io.parley.testing;

import io.parley.knowledge.internal.SettingsRepository;
import io.parley.knowledge.internal.embed.Embedder;
import io.parley.knowledge.internal.embed.Embedders;
import io.parley.platform.ChatbotId;
import io.parley.platform.cache.ChangeNotices;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes knowledge rows the way ingestion does (a synced source, its chunks with embeddings, the chatbot's version
 * bumped and announced to the nodes' caches), so search is tested without the ingestion pipeline.
 */
public final class KnowledgeRows {
    private final JdbcClient jdbc;
    private final Embedders embedders;
    private final ChangeNotices notices;

    /** @param embedders the application's, so chunks are embedded with the model each chatbot's search uses */
    public KnowledgeRows(JdbcClient jdbc, Embedders embedders, ChangeNotices notices) {
        this.jdbc = jdbc;
        this.embedders = embedders;
        this.notices = notices;
    }

    /** @param location JSON, e.g. {@code {"page": 3}} */
    public record Chunk(String text, String location) {}

    public static Chunk chunk(String text) {
        return new Chunk(text, "{}");
    }

    public static Chunk chunk(String text, String location) {
        return new Chunk(text, location);
    }

    /** A synced source with {@code chunks}; returns its id. */
    public UUID source(String organizationId, String chatbotId, String name, String type, List<Chunk> chunks) {
        return source(organizationId, chatbotId, name, type, "synced", chunks);
    }

    public UUID source(
            String organizationId, String chatbotId, String name, String type, String status, List<Chunk> chunks) {
        UUID org = UUID.fromString(organizationId);
        UUID bot = UUID.fromString(chatbotId);
        UUID id = UUID.randomUUID();
        Embedder embedder = embedders.forChatbot(new ChatbotId(bot));
        List<float[]> vectors = embedder.embed(chunks.stream().map(Chunk::text).toList());
        jdbc.sql("""
                insert into knowledge_sources (id, organization_id, chatbot_id, type, name, status, chunk_count,
                                               embedding_model, embedding_dimension)
                values (:id, :org, :bot, :type, :name, :status, :count, :model, :dimension)""")
                .param("id", id)
                .param("org", org)
                .param("bot", bot)
                .param("type", type)
                .param("name", name)
                .param("status", status)
                .param("count", chunks.size())
                .param("model", embedder.modelId())
                .param("dimension", embedder.dimension())
                .update();
        for (int i = 0; i < chunks.size(); i++) {
            jdbc.sql("""
                    insert into knowledge_chunks (organization_id, chatbot_id, source_id, ordinal, text, location,
                                                  embedding)
                    values (:org, :bot, :source, :ordinal, :text, cast(:location as jsonb), :embedding)""")
                    .param("org", org)
                    .param("bot", bot)
                    .param("source", id)
                    .param("ordinal", i)
                    .param("text", chunks.get(i).text())
                    .param("location", chunks.get(i).location())
                    .param("embedding", bytes(vectors.get(i)))
                    .update();
        }
        bumpVersion(organizationId, chatbotId);
        return id;
    }

    /** Deletes the source (its chunks cascade) and bumps the version, as deleting through the API does. */
    public void deleteSource(String organizationId, String chatbotId, UUID sourceId) {
        jdbc.sql("delete from knowledge_sources where id = :id")
                .param("id", sourceId)
                .update();
        bumpVersion(organizationId, chatbotId);
    }

    public void bumpVersion(String organizationId, String chatbotId) {
        jdbc.sql("""
                insert into knowledge_settings (chatbot_id, organization_id, version) values (:bot, :org, 1)
                on conflict (chatbot_id) do update set version = knowledge_settings.version + 1""")
                .param("bot", UUID.fromString(chatbotId))
                .param("org", UUID.fromString(organizationId))
                .update();
        notices.announce(SettingsRepository.TOPIC, chatbotId);
    }

    public long version(String chatbotId) {
        return jdbc.sql("select version from knowledge_settings where chatbot_id = :bot")
                .param("bot", UUID.fromString(chatbotId))
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    public static byte[] bytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }
}
