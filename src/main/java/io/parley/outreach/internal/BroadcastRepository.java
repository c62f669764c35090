package io.parley.outreach.internal;

import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class BroadcastRepository {
    private final JdbcClient jdbc;

    BroadcastRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** An earlier broadcast under the same key: what was asked for, and what it did. */
    public record Earlier(String requestHash, String resultJson) {}

    /**
     * Inserts the broadcast row. With a key, a concurrent insert of the same key waits on the unique index until
     * this transaction ends, then finds this row instead of broadcasting twice. Returns the earlier row, if any.
     */
    public Optional<Earlier> claim(
            UUID id, OrganizationId organization, ChatbotId chatbot, String idempotencyKey, String requestHash) {
        int inserted = jdbc.sql("""
                        insert into broadcasts (id, organization_id, chatbot_id, idempotency_key, request_hash)
                        values (:id, :org, :bot, :key, :hash)
                        on conflict (organization_id, idempotency_key) where idempotency_key is not null do nothing""")
                .param("id", id)
                .param("org", organization.value())
                .param("bot", chatbot.value())
                .param("key", idempotencyKey)
                .param("hash", requestHash)
                .update();
        if (inserted == 1) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select request_hash, result from broadcasts
                        where organization_id = :org and idempotency_key = :key""")
                .param("org", organization.value())
                .param("key", idempotencyKey)
                .query((rs, row) -> new Earlier(rs.getString(1), rs.getString(2)))
                .optional();
    }

    public void saveResult(UUID id, String resultJson) {
        jdbc.sql("update broadcasts set result = cast(:result as jsonb) where id = :id")
                .param("id", id)
                .param("result", resultJson)
                .update();
    }
}
