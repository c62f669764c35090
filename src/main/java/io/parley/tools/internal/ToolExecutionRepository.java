package io.parley.tools.internal;

import io.parley.platform.ConversationId;
import io.parley.tools.ToolContext;
import io.parley.tools.ToolExecution;
import io.parley.tools.ToolOutcome;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ToolExecutionRepository {
    private final JdbcClient jdbc;

    ToolExecutionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Arguments that are not valid JSON are stored as a JSON string holding the raw text. */
    public void record(ToolContext context, UUID sourceId, String tool, String argumentsJson, ToolOutcome outcome) {
        jdbc.sql("""
                        insert into tool_executions (organization_id, chatbot_id, conversation_id, source_id, tool, arguments,
                            status, result, error, duration_ms, round)
                        values (:org, :bot, :conversation, :source, :tool, cast(:arguments as jsonb), :status,
                            cast(:result as jsonb), :error, :duration, :round)""")
                .param("org", context.organizationId().value())
                .param("bot", context.chatbotId().value())
                .param(
                        "conversation",
                        context.conversationId() == null
                                ? null
                                : context.conversationId().value())
                .param("source", sourceId)
                .param("tool", tool)
                .param("arguments", argumentsJson)
                .param("status", outcome.status().name().toLowerCase())
                .param("result", outcome.resultJson())
                .param("error", outcome.error())
                .param("duration", (int) Math.min(Integer.MAX_VALUE, outcome.durationMs()))
                .param("round", context.round())
                .update();
    }

    public List<ToolExecution> forConversation(ConversationId conversationId) {
        return jdbc.sql("select * from tool_executions where conversation_id = :id order by id")
                .param("id", conversationId.value())
                .query((rs, row) -> new ToolExecution(
                        rs.getLong("id"),
                        rs.getString("tool"),
                        rs.getString("arguments"),
                        ToolOutcome.Status.valueOf(rs.getString("status").toUpperCase()),
                        rs.getString("result"),
                        rs.getString("error"),
                        rs.getLong("duration_ms"),
                        rs.getInt("round"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }
}
