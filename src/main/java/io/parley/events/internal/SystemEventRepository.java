package io.parley.events.internal;

import io.parley.events.SystemEvent;
import io.parley.platform.ChatbotId;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class SystemEventRepository {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private final JdbcClient jdbc;
    private final JsonMapper json;

    SystemEventRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(SystemEvent event, String traceId) {
        jdbc.sql("""
                        insert into system_events (level, type, organization_id, chatbot_id, conversation_id, trace_id, payload)
                        values (:level, :type, :org, :bot, :conversation, :trace, cast(:payload as jsonb))""")
                .param("level", event.level().name().toLowerCase())
                .param("type", event.type())
                .param("org", event.organizationId() == null ? null : event.organizationId().value())
                .param("bot", event.chatbotId() == null ? null : event.chatbotId().value())
                .param("conversation", event.conversationId() == null ? null : event.conversationId().value())
                .param("trace", traceId)
                .param("payload", json.writeValueAsString(event.payload()))
                .update();
    }

    public List<SystemEvent> recent(OrganizationId organizationId, int limit) {
        return jdbc.sql("select * from system_events where organization_id = :org order by id desc limit :limit")
                .param("org", organizationId.value()).param("limit", limit).query(this::map).list();
    }

    public List<SystemEvent> recentOfType(String type, int limit) {
        return jdbc.sql("select * from system_events where type = :type order by id desc limit :limit")
                .param("type", type).param("limit", limit).query(this::map).list();
    }

    private SystemEvent map(ResultSet rs, int row) throws SQLException {
        UUID org = rs.getObject("organization_id", UUID.class);
        UUID bot = rs.getObject("chatbot_id", UUID.class);
        UUID conversation = rs.getObject("conversation_id", UUID.class);
        return new SystemEvent(SystemEvent.Level.valueOf(rs.getString("level").toUpperCase()), rs.getString("type"),
                org == null ? null : new OrganizationId(org), bot == null ? null : new ChatbotId(bot),
                conversation == null ? null : new ConversationId(conversation),
                json.readValue(rs.getString("payload"), MAP), rs.getTimestamp("occurred_at").toInstant());
    }
}
