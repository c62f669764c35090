package io.parley.knowledge.internal.index;

import io.parley.knowledge.internal.SettingsRepository;
import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replaces a source's chunks in one transaction with its synced status and a knowledge version bump: a re-run
 * (crash, retry, reindex) never leaves two sets of chunks, and search sees all of them or none.
 */
@Component
class ChunkWriter {
    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate transactions;
    private final SettingsRepository settings;
    private final JsonMapper json;
    private final Clock clock;

    ChunkWriter(
            JdbcClient jdbc,
            JdbcTemplate batch,
            TransactionTemplate transactions,
            SettingsRepository settings,
            JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.transactions = transactions;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    /** Returns false when the source is no longer being processed by this run (deleted or requeued meanwhile). */
    boolean replace(
            UUID sourceId,
            OrganizationId organizationId,
            ChatbotId chatbotId,
            List<Chunk> chunks,
            List<float[]> vectors,
            String modelId) {
        Boolean written = transactions.execute(status -> {
            int updated = jdbc.sql("""
                            update knowledge_sources set status = 'synced', progress = 100, chunk_count = :count,
                                error = null, embedding_model = :model, embedding_dimension = :dim,
                                finished_at = :now, updated_at = :now
                            where id = :id and status = 'processing'""")
                    .param("count", chunks.size())
                    .param("model", modelId)
                    .param("dim", vectors.isEmpty() ? null : vectors.getFirst().length)
                    .param("now", Timestamp.from(clock.instant()))
                    .param("id", sourceId)
                    .update();
            if (updated == 0) {
                return false;
            }
            jdbc.sql("delete from knowledge_chunks where source_id = :id")
                    .param("id", sourceId)
                    .update();
            List<Object[]> rows = new ArrayList<>(chunks.size());
            for (int i = 0; i < chunks.size(); i++) {
                rows.add(new Object[] {
                    organizationId.value(),
                    chatbotId.value(),
                    sourceId,
                    i,
                    chunks.get(i).text(),
                    json.writeValueAsString(chunks.get(i).location()),
                    bytes(vectors.get(i))
                });
            }
            batch.batchUpdate("""
                    insert into knowledge_chunks (organization_id, chatbot_id, source_id, ordinal, text, location,
                        embedding) values (?, ?, ?, ?, ?, cast(? as jsonb), ?)""", rows);
            settings.bumpVersion(organizationId, chatbotId);
            return true;
        });
        return Boolean.TRUE.equals(written);
    }

    static byte[] bytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : vector) {
            buffer.putFloat(value);
        }
        return buffer.array();
    }
}
