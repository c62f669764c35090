package io.parley.events.internal;

import io.parley.events.StoredEvent;
import io.parley.events.SystemEvent;
import io.parley.platform.ChatbotId;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class SystemEventRepository {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private final JdbcClient jdbc;
    private final JsonMapper json;

    SystemEventRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public long insert(SystemEvent event, String traceId) {
        return jdbc.sql("""
                        insert into system_events (level, type, organization_id, chatbot_id, conversation_id, trace_id, payload)
                        values (:level, :type, :org, :bot, :conversation, :trace, cast(:payload as jsonb))
                        returning id""")
                .param("level", event.level().name().toLowerCase())
                .param("type", event.type())
                .param(
                        "org",
                        event.organizationId() == null
                                ? null
                                : event.organizationId().value())
                .param(
                        "bot",
                        event.chatbotId() == null ? null : event.chatbotId().value())
                .param(
                        "conversation",
                        event.conversationId() == null
                                ? null
                                : event.conversationId().value())
                .param("trace", traceId)
                .param("payload", json.writeValueAsString(event.payload()))
                .query(Long.class)
                .single();
    }

    /** Whether the organization has an event of this type whose payload contains {@code payload}, newer than the window. */
    public boolean recent(SystemEvent event, java.time.Duration window) {
        return jdbc.sql("""
                        select exists (select 1 from system_events
                                       where organization_id is not distinct from :org and type = :type
                                         and occurred_at > now() - cast(:window as interval)
                                         and payload @> cast(:payload as jsonb))""")
                .param(
                        "org",
                        event.organizationId() == null
                                ? null
                                : event.organizationId().value())
                .param("type", event.type())
                .param("window", window.toSeconds() + " seconds")
                .param("payload", json.writeValueAsString(event.payload()))
                .query(Boolean.class)
                .single();
    }

    public List<StoredEvent> list(OrganizationId organizationId, String type, SystemEvent.Level level, int limit) {
        return list(organizationId, type, level, null, limit);
    }

    /** Newest first; {@code beforeId}: only events older than that one (keyset, on (organization_id, id)), or null. */
    public List<StoredEvent> list(
            OrganizationId organizationId, String type, SystemEvent.Level level, Long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("select * from system_events where organization_id = :org");
        if (beforeId != null) {
            sql.append(" and id < :before");
        }
        String exact = null;
        String prefix = null;
        if (type != null) {
            if (type.endsWith(".*") || type.endsWith(".")) {
                prefix = type.substring(0, type.lastIndexOf('.') + 1);
                sql.append(" and starts_with(type, :prefix)");
            } else {
                exact = type;
                prefix = type + ".";
                sql.append(" and (type = :exact or starts_with(type, :prefix))");
            }
        }
        if (level != null) {
            sql.append(" and level = :level");
        }
        sql.append(" order by id desc limit :limit");
        var statement =
                jdbc.sql(sql.toString()).param("org", organizationId.value()).param("limit", limit);
        if (prefix != null) {
            statement = statement.param("prefix", prefix);
        }
        if (exact != null) {
            statement = statement.param("exact", exact);
        }
        if (level != null) {
            statement = statement.param("level", level.name().toLowerCase());
        }
        if (beforeId != null) {
            statement = statement.param("before", beforeId);
        }
        return statement.query(this::stored).list();
    }

    public List<StoredEvent> ofConversation(OrganizationId organizationId, ConversationId conversationId, int limit) {
        return jdbc.sql("""
                        select * from system_events
                        where conversation_id = :conversation and organization_id = :org
                        order by id desc limit :limit""")
                .param("conversation", conversationId.value())
                .param("org", organizationId.value())
                .param("limit", limit)
                .query(this::stored)
                .list();
    }

    public Optional<StoredEvent> find(long id) {
        return jdbc.sql("select * from system_events where id = :id")
                .param("id", id)
                .query(this::stored)
                .optional();
    }

    public void acknowledge(OrganizationId organizationId, long id, String by) {
        jdbc.sql("""
                        update system_events set acknowledged_at = now(), acknowledged_by = :by
                        where id = :id and organization_id = :org and acknowledged_at is null""")
                .param("by", by)
                .param("id", id)
                .param("org", organizationId.value())
                .update();
    }

    public int deleteOccurredBefore(Instant cutoff) {
        return jdbc.sql("delete from system_events where occurred_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }

    private StoredEvent stored(ResultSet rs, int row) throws SQLException {
        Timestamp acknowledged = rs.getTimestamp("acknowledged_at");
        return new StoredEvent(
                rs.getLong("id"),
                map(rs, row),
                acknowledged == null ? null : acknowledged.toInstant(),
                rs.getString("acknowledged_by"));
    }

    public List<SystemEvent> recent(OrganizationId organizationId, int limit) {
        return jdbc.sql("select * from system_events where organization_id = :org order by id desc limit :limit")
                .param("org", organizationId.value())
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    public List<SystemEvent> recentOfType(String type, int limit) {
        return jdbc.sql("select * from system_events where type = :type order by id desc limit :limit")
                .param("type", type)
                .param("limit", limit)
                .query(this::map)
                .list();
    }

    private SystemEvent map(ResultSet rs, int row) throws SQLException {
        UUID org = rs.getObject("organization_id", UUID.class);
        UUID bot = rs.getObject("chatbot_id", UUID.class);
        UUID conversation = rs.getObject("conversation_id", UUID.class);
        return new SystemEvent(
                SystemEvent.Level.valueOf(rs.getString("level").toUpperCase()),
                rs.getString("type"),
                org == null ? null : new OrganizationId(org),
                bot == null ? null : new ChatbotId(bot),
                conversation == null ? null : new ConversationId(conversation),
                json.readValue(rs.getString("payload"), MAP),
                rs.getTimestamp("occurred_at").toInstant());
    }
}
