package io.parley.usage.internal;

import io.parley.access.ApiKeyId;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import io.parley.platform.SessionId;
import io.parley.platform.TurnId;
import io.parley.usage.SessionUsage;
import io.parley.usage.UsageRecord;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class UsageRepository {
    private final JdbcClient jdbc;

    UsageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False when the turn, or the non-turn record's source key, already has a record. */
    public boolean insert(UsageRecord r) {
        return jdbc.sql("""
                        insert into usage_records (organization_id, chatbot_id, contact_id, conversation_id, turn_id,
                            provider, model, messages, tokens_in, tokens_out, cost, kind, api_key_id, source_key,
                            session_id)
                        values (:org, :bot, :contact, :conversation, :turn, :provider, :model, :messages, :in, :out,
                            :cost, :kind, :apiKey, :sourceKey, :session)
                        on conflict do nothing""")
                        .param("org", r.organizationId().value())
                        .param("bot", r.chatbotId().value())
                        .param(
                                "contact",
                                r.contactId() == null ? null : r.contactId().value())
                        .param(
                                "conversation",
                                r.conversationId() == null
                                        ? null
                                        : r.conversationId().value())
                        .param("turn", r.turnId() == null ? null : r.turnId().value())
                        .param("provider", r.provider())
                        .param("model", r.model())
                        .param("in", r.tokensIn())
                        .param("out", r.tokensOut())
                        .param("cost", r.cost(), java.sql.Types.NUMERIC)
                        .param("messages", r.messages())
                        .param("kind", r.kind().code())
                        .param(
                                "apiKey",
                                r.apiKeyId() == null ? null : r.apiKeyId().value(),
                                java.sql.Types.OTHER)
                        .param("sourceKey", r.sourceKey())
                        .param(
                                "session",
                                r.sessionId() == null ? null : r.sessionId().value(),
                                java.sql.Types.OTHER)
                        .update()
                == 1;
    }

    public List<UsageRecord> forConversation(ConversationId conversationId) {
        return jdbc.sql("select * from usage_records where conversation_id = :id order by id")
                .param("id", conversationId.value())
                .query((rs, row) -> new UsageRecord(
                        new OrganizationId(rs.getObject("organization_id", UUID.class)),
                        new ChatbotId(rs.getObject("chatbot_id", UUID.class)),
                        nullable(rs.getObject("contact_id", UUID.class), ContactId::new),
                        nullable(rs.getObject("conversation_id", UUID.class), ConversationId::new),
                        nullable(rs.getObject("turn_id", UUID.class), TurnId::new),
                        rs.getString("provider"),
                        rs.getString("model"),
                        rs.getInt("tokens_in"),
                        rs.getInt("tokens_out"),
                        rs.getBigDecimal("cost"),
                        UsageRecord.Kind.valueOf(rs.getString("kind").toUpperCase(java.util.Locale.ROOT)),
                        rs.getInt("messages"),
                        nullable(rs.getObject("api_key_id", UUID.class), ApiKeyId::new),
                        rs.getString("source_key"),
                        nullable(rs.getObject("session_id", UUID.class), SessionId::new)))
                .list();
    }

    /** Totals per session over the given sessions' records (turns only carry a session). */
    public Map<SessionId, SessionUsage> bySession(Collection<SessionId> sessions) {
        if (sessions.isEmpty()) {
            return Map.of();
        }
        return jdbc
                .sql("""
                        select session_id, sum(tokens_in) as tokens_in, sum(tokens_out) as tokens_out,
                            sum(cost) as cost,
                            count(*) filter (where cost is null and tokens_in + tokens_out > 0) as unpriced
                        from usage_records where session_id = any(:sessions) group by session_id""")
                .param("sessions", sessions.stream().map(SessionId::value).toArray(UUID[]::new))
                .query((rs, row) -> new SessionUsage(
                        new SessionId(rs.getObject("session_id", UUID.class)),
                        rs.getLong("tokens_in"),
                        rs.getLong("tokens_out"),
                        rs.getBigDecimal("cost"),
                        rs.getInt("unpriced")))
                .list()
                .stream()
                .collect(Collectors.toMap(SessionUsage::sessionId, Function.identity()));
    }

    private static <T> T nullable(UUID value, java.util.function.Function<UUID, T> constructor) {
        return value == null ? null : constructor.apply(value);
    }
}
