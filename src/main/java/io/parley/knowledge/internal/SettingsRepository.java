package io.parley.knowledge.internal;

import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import io.parley.platform.Secret;
import io.parley.platform.SecretBox;
import io.parley.platform.cache.ChangeNotices;
import java.sql.Timestamp;
import java.time.Clock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * knowledge_settings: the chatbot's embedding model, chunking and knowledge version. No row = defaults. Every write
 * announces the chatbot ({@link #TOPIC}): search nodes cache its version (ADR 50).
 */
@Repository
public class SettingsRepository {
    public static final int DEFAULT_CHUNK_SIZE = 1000;
    public static final int DEFAULT_CHUNK_OVERLAP = 200;
    /** Notices about a chatbot's knowledge (its version and settings), keyed by chatbot id. */
    public static final String TOPIC = "knowledge";

    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final Clock clock;
    private final ChangeNotices notices;

    SettingsRepository(JdbcClient jdbc, SecretBox secrets, Clock clock, ChangeNotices notices) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.clock = clock;
        this.notices = notices;
    }

    /** The stored settings with the API key decrypted (null when none is set). */
    public record Stored(
            String provider, String model, String baseUrl, Secret apiKey, int chunkSize, int chunkOverlap) {
        static final Stored DEFAULTS = new Stored("local", null, null, null, DEFAULT_CHUNK_SIZE, DEFAULT_CHUNK_OVERLAP);
    }

    public Stored find(ChatbotId chatbotId) {
        return jdbc.sql("""
                        select embedding_provider, embedding_model, embedding_base_url, embedding_api_key, chunk_size,
                               chunk_overlap from knowledge_settings where chatbot_id = :bot""")
                .param("bot", chatbotId.value())
                .query((rs, n) -> {
                    byte[] key = rs.getBytes(4);
                    return new Stored(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            key == null ? null : Secret.of(secrets.open(key, keyContext(chatbotId))),
                            rs.getInt(5),
                            rs.getInt(6));
                })
                .optional()
                .orElse(Stored.DEFAULTS);
    }

    /** Writes every field; {@code keyChange} false keeps the stored key. */
    public void save(OrganizationId organizationId, ChatbotId chatbotId, Stored settings, boolean keyChange) {
        byte[] key = settings.apiKey() == null
                ? null
                : secrets.seal(settings.apiKey().reveal(), keyContext(chatbotId));
        jdbc.sql("""
                        insert into knowledge_settings (chatbot_id, organization_id, embedding_provider, embedding_model,
                            embedding_base_url, embedding_api_key, chunk_size, chunk_overlap, updated_at)
                        values (:bot, :org, :provider, :model, :baseUrl, :key, :size, :overlap, :now)
                        on conflict (chatbot_id) do update set embedding_provider = excluded.embedding_provider,
                            embedding_model = excluded.embedding_model, embedding_base_url = excluded.embedding_base_url,
                            embedding_api_key = case when :keyChange then excluded.embedding_api_key
                                                     else knowledge_settings.embedding_api_key end,
                            chunk_size = excluded.chunk_size, chunk_overlap = excluded.chunk_overlap,
                            updated_at = excluded.updated_at""")
                .param("bot", chatbotId.value())
                .param("org", organizationId.value())
                .param("provider", settings.provider())
                .param("model", settings.model())
                .param("baseUrl", settings.baseUrl())
                .param("key", key)
                .param("keyChange", keyChange)
                .param("size", settings.chunkSize())
                .param("overlap", settings.chunkOverlap())
                .param("now", Timestamp.from(clock.instant()))
                .update();
        notices.announce(TOPIC, chatbotId);
    }

    /** Moves the chatbot's knowledge version (creating its row); search nodes rebuild their index when it moved. */
    public void bumpVersion(OrganizationId organizationId, ChatbotId chatbotId) {
        jdbc.sql("""
                        insert into knowledge_settings (chatbot_id, organization_id, version) values (:bot, :org, 1)
                        on conflict (chatbot_id) do update set version = knowledge_settings.version + 1""")
                .param("bot", chatbotId.value())
                .param("org", organizationId.value())
                .update();
        notices.announce(TOPIC, chatbotId);
    }

    private static String keyContext(ChatbotId chatbotId) {
        return "knowledge_settings.embedding_api_key:" + chatbotId;
    }
}
