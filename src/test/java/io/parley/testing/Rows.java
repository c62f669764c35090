package io.parley.testing;

import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Reads a test's own rows where the API shows no such detail (turns, usage, system events). */
public final class Rows {
    private final JdbcClient jdbc;

    public Rows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record Message(UUID id, String role, String content, UUID turnId, boolean answered) {}

    public record Turn(UUID id, String outcome, String fallbackReason) {}

    public record Usage(UUID turnId, String provider, String model, int tokensIn, int tokensOut) {}

    public record Event(String type, String level, JsonNode payload) {}

    /** The conversation's messages, oldest first. */
    public List<Message> messages(String conversationId) {
        return jdbc.sql("select * from messages where conversation_id = :id order by seq")
                .param("id", UUID.fromString(conversationId))
                .query((rs, row) -> new Message(
                        rs.getObject("id", UUID.class),
                        rs.getString("role"),
                        rs.getString("content"),
                        rs.getObject("turn_id", UUID.class),
                        rs.getTimestamp("answered_at") != null))
                .list();
    }

    public List<Turn> turns(String conversationId) {
        return jdbc.sql("select * from turns where conversation_id = :id order by started_at, finished_at")
                .param("id", UUID.fromString(conversationId))
                .query((rs, row) -> new Turn(
                        rs.getObject("id", UUID.class), rs.getString("outcome"), rs.getString("fallback_reason")))
                .list();
    }

    public List<Usage> usage(String conversationId) {
        return jdbc.sql("select * from usage_records where conversation_id = :id order by id")
                .param("id", UUID.fromString(conversationId))
                .query((rs, row) -> new Usage(
                        rs.getObject("turn_id", UUID.class),
                        rs.getString("provider"),
                        rs.getString("model"),
                        rs.getInt("tokens_in"),
                        rs.getInt("tokens_out")))
                .list();
    }

    /** The organization's system events, oldest first. */
    public List<Event> events(String organizationId) {
        return jdbc.sql("select * from system_events where organization_id = :org order by id")
                .param("org", UUID.fromString(organizationId))
                .query((rs, row) -> new Event(
                        rs.getString("type"), rs.getString("level"), Api.json().readTree(rs.getString("payload"))))
                .list();
    }

    /** Whether a turn job exists for the conversation (scheduled or running). */
    public boolean turnScheduled(String conversationId) {
        return jdbc.sql(
                        "select exists (select 1 from scheduled_tasks where task_name = 'turn' and task_instance = :id)")
                .param("id", conversationId)
                .query(Boolean.class)
                .single();
    }
}
