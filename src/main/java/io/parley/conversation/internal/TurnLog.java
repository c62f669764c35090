package io.parley.conversation.internal;

import io.parley.platform.ConversationId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads a conversation's turns for the turns API. */
@Repository
class TurnLog {
    private final JdbcClient jdbc;

    TurnLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param promptJson the turn's prompt plan ({@code agent.PromptReport}); null when no prompt was built */
    record TurnRow(
            UUID id,
            UUID sessionId,
            String outcome,
            String provider,
            String model,
            String fallbackReason,
            Instant startedAt,
            Instant finishedAt,
            String promptJson) {}

    /** The newest {@code limit} turns, oldest first. */
    List<TurnRow> recent(ConversationId conversation, int limit) {
        return jdbc.sql("""
                        select * from (select * from turns where conversation_id = :id
                                       order by started_at desc, finished_at desc limit :limit) t
                        order by started_at, finished_at""")
                .param("id", conversation.value())
                .param("limit", limit)
                .query((rs, row) -> new TurnRow(
                        rs.getObject("id", UUID.class),
                        rs.getObject("session_id", UUID.class),
                        rs.getString("outcome"),
                        rs.getString("model_provider"),
                        rs.getString("model_name"),
                        rs.getString("fallback_reason"),
                        rs.getTimestamp("started_at").toInstant(),
                        rs.getTimestamp("finished_at").toInstant(),
                        rs.getString("prompt_tokens")))
                .list();
    }
}
