package io.parley.flows.internal.runtime;

import io.parley.flows.engine.FlowState;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code flow_states}, {@code flow_answers} and {@code flow_leads}. A state moves only by {@link #compareAndSet}: the update
 * names the sequence number it was read at, so of two workers that read the same state only one writes.
 */
@Repository
class FlowStateRepository {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final TypeReference<Map<String, String>> TEXTS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    FlowStateRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** A conversation's state as read, with the sequence number a write must name. */
    record Stored(ConversationId conversationId, UUID definitionId, long seq, FlowState state, Instant updatedAt) {}

    Optional<Stored> find(ConversationId conversation) {
        return find(conversation, null);
    }

    /** The organization's conversation's state (another organization's conversation is not found). */
    Optional<Stored> find(OrganizationId organization, ConversationId conversation) {
        return find(conversation, organization.value());
    }

    private Optional<Stored> find(ConversationId conversation, UUID organization) {
        return jdbc.sql("""
                        select s.*, l.status as lead_status from flow_states s
                        left join flow_leads l on l.conversation_id = s.conversation_id
                        where s.conversation_id = :id
                          and (cast(:organization as uuid) is null or s.organization_id = :organization)""")
                .param("id", conversation.value())
                .param("organization", organization)
                .query(this::map)
                .optional();
    }

    /**
     * Writes {@code next} if the state is still at {@code expectedSeq} ({@code -1}: no state yet); returns false when
     * another writer moved it first.
     */
    boolean compareAndSet(
            OrganizationId organization,
            ChatbotId chatbot,
            ConversationId conversation,
            UUID definitionId,
            long expectedSeq,
            FlowState next,
            Instant now) {
        if (expectedSeq < 0) {
            return jdbc.sql("""
                            insert into flow_states (conversation_id, organization_id, chatbot_id, flow_definition_id,
                                run, step_id, seq, attempts, status, answers, displays, vars, needs_reask, resume_at,
                                remind_at, reminders, created_at, updated_at)
                            values (:conversation, :organization, :chatbot, :definition, :run, :step, 1, :attempts,
                                :status, cast(:answers as jsonb), cast(:displays as jsonb), cast(:vars as jsonb),
                                :needsReask, :resumeAt, :remindAt, :reminders, :now, :now)
                            on conflict (conversation_id) do nothing""")
                            .param("conversation", conversation.value())
                            .param("organization", organization.value())
                            .param("chatbot", chatbot.value())
                            .param("definition", definitionId)
                            .params(values(next, now))
                            .update()
                    == 1;
        }
        return jdbc.sql("""
                        update flow_states set run = :run, step_id = :step, seq = seq + 1, attempts = :attempts,
                            status = :status, answers = cast(:answers as jsonb), displays = cast(:displays as jsonb),
                            vars = cast(:vars as jsonb), needs_reask = :needsReask, resume_at = :resumeAt,
                            remind_at = :remindAt, reminders = :reminders, updated_at = :now
                        where conversation_id = :conversation and seq = :seq""")
                        .param("conversation", conversation.value())
                        .param("seq", expectedSeq)
                        .params(values(next, now))
                        .update()
                == 1;
    }

    private Map<String, Object> values(FlowState state, Instant now) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("run", state.run());
        values.put("step", state.stepId());
        values.put("attempts", state.attempts());
        values.put("status", state.status().wire());
        values.put("answers", json.writeValueAsString(state.answers()));
        values.put("displays", json.writeValueAsString(state.displays()));
        values.put("vars", json.writeValueAsString(state.vars()));
        values.put("needsReask", state.needsReask());
        values.put("resumeAt", timestamp(state.resumeAt()));
        values.put("remindAt", timestamp(state.remindAt()));
        values.put("reminders", state.reminders());
        values.put("now", Timestamp.from(now));
        return values;
    }

    void insertAnswer(
            OrganizationId organization,
            ConversationId conversation,
            int run,
            String stepId,
            String key,
            Object value,
            String raw,
            UUID messageId,
            boolean needsReview,
            Instant now) {
        jdbc.sql("""
                        insert into flow_answers (organization_id, conversation_id, run, step_id, key, value, raw,
                            message_id, needs_review, created_at)
                        values (:organization, :conversation, :run, :step, :key, cast(:value as jsonb), :raw, :message,
                            :review, :now)""")
                .param("organization", organization.value())
                .param("conversation", conversation.value())
                .param("run", run)
                .param("step", stepId)
                .param("key", key)
                .param("value", json.writeValueAsString(value))
                .param("raw", raw)
                .param("message", messageId)
                .param("review", needsReview)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** An answer as logged in {@code flow_answers}. */
    record LoggedAnswer(
            int run, String stepId, String key, Object value, String raw, boolean needsReview, Instant createdAt) {}

    /** The organization's conversation's logged answers of every run, newest first. */
    List<LoggedAnswer> answers(OrganizationId organization, ConversationId conversation, int limit) {
        return jdbc.sql("""
                        select run, step_id, key, value::text as value, raw, needs_review, created_at from flow_answers
                        where conversation_id = :conversation and organization_id = :organization
                        order by id desc limit :limit""")
                .param("conversation", conversation.value())
                .param("organization", organization.value())
                .param("limit", limit)
                .query((rs, n) -> new LoggedAnswer(
                        rs.getInt("run"),
                        rs.getString("step_id"),
                        rs.getString("key"),
                        rs.getString("value") == null ? null : json.readValue(rs.getString("value"), Object.class),
                        rs.getString("raw"),
                        rs.getBoolean("needs_review"),
                        instant(rs.getTimestamp("created_at"))))
                .list();
    }

    /** The lead of the conversation, created with status {@code new} the first time. */
    void ensureLead(
            OrganizationId organization,
            ChatbotId chatbot,
            ContactId contact,
            ConversationId conversation,
            Instant now) {
        jdbc.sql("""
                        insert into flow_leads (id, organization_id, chatbot_id, contact_id, conversation_id, status,
                            status_changed_at, created_at)
                        values (:id, :organization, :chatbot, :contact, :conversation, 'new', :now, :now)
                        on conflict (conversation_id) do nothing""")
                .param("id", UUID.randomUUID())
                .param("organization", organization.value())
                .param("chatbot", chatbot.value())
                .param("contact", contact.value())
                .param("conversation", conversation.value())
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Moves the lead from {@code from} to {@code to}; false when its status was not {@code from}. */
    boolean moveLead(ConversationId conversation, String from, String to, Map<String, Object> summary, Instant now) {
        return jdbc.sql("""
                        update flow_leads set status = :to, status_changed_at = :now, summary = cast(:summary as jsonb)
                        where conversation_id = :conversation and status = :from""")
                        .param("conversation", conversation.value())
                        .param("from", from)
                        .param("to", to)
                        .param("summary", json.writeValueAsString(summary))
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** The lead's summary: the run's answers as they stand. */
    void updateLeadSummary(ConversationId conversation, Map<String, Object> answers) {
        jdbc.sql("update flow_leads set summary = cast(:summary as jsonb) where conversation_id = :conversation")
                .param("conversation", conversation.value())
                .param("summary", json.writeValueAsString(answers))
                .update();
    }

    /** Queues an event for the conversation's flow; a second one with the same key is ignored. */
    boolean queueEvent(
            OrganizationId organization,
            ConversationId conversation,
            String name,
            Map<String, Object> data,
            String dedupKey,
            Instant now) {
        return jdbc.sql("""
                        insert into flow_events (organization_id, conversation_id, name, data, dedup_key, created_at)
                        values (:organization, :conversation, :name, cast(:data as jsonb), :key, :now)
                        on conflict (dedup_key) do nothing""")
                        .param("organization", organization.value())
                        .param("conversation", conversation.value())
                        .param("name", name)
                        .param("data", json.writeValueAsString(data))
                        .param("key", dedupKey)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    record QueuedEvent(long id, String name, Map<String, Object> data) {}

    List<QueuedEvent> pendingEvents(ConversationId conversation) {
        return jdbc.sql("""
                        select id, name, data from flow_events
                        where conversation_id = :conversation and processed_at is null order by id limit 20""")
                .param("conversation", conversation.value())
                .query((rs, n) -> new QueuedEvent(
                        rs.getLong("id"), rs.getString("name"), json.readValue(rs.getString("data"), MAP)))
                .list();
    }

    void markProcessed(List<Long> ids, Instant now) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("update flow_events set processed_at = :now where id in (:ids)")
                .param("ids", ids)
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Conversations whose reminder or handover cooldown is due, or that have queued events. */
    List<ConversationId> due(Instant now, int limit) {
        return jdbc.sql("""
                        select conversation_id from flow_states
                        where (remind_at <= :now or (resume_at <= :now and status in ('handover', 'waiting')))
                        union
                        select distinct conversation_id from flow_events where processed_at is null
                        limit :limit""")
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, n) -> new ConversationId(rs.getObject(1, UUID.class)))
                .list();
    }

    private Stored map(ResultSet rs, int row) throws SQLException {
        FlowState state = new FlowState(
                rs.getInt("run"),
                rs.getString("step_id"),
                FlowState.Status.fromWire(rs.getString("status")),
                rs.getInt("attempts"),
                json.readValue(rs.getString("answers"), MAP),
                json.readValue(rs.getString("displays"), TEXTS),
                json.readValue(rs.getString("vars"), MAP),
                rs.getString("lead_status"),
                rs.getBoolean("needs_reask"),
                instant(rs.getTimestamp("resume_at")),
                instant(rs.getTimestamp("remind_at")),
                rs.getInt("reminders"));
        return new Stored(
                new ConversationId(rs.getObject("conversation_id", UUID.class)),
                rs.getObject("flow_definition_id", UUID.class),
                rs.getLong("seq"),
                state,
                instant(rs.getTimestamp("updated_at")));
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
