package io.parley.usage.internal;

import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import io.parley.platform.TurnId;
import io.parley.tenancy.ApiKeyId;
import io.parley.usage.UsageRecord;
import java.util.List;
import java.util.UUID;
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
                            provider, model, messages, tokens_in, tokens_out, cost, kind, api_key_id, source_key)
                        values (:org, :bot, :contact, :conversation, :turn, :provider, :model, :messages, :in, :out,
                            :cost, :kind, :apiKey, :sourceKey)
                        on conflict do nothing""")
                .param("org", r.organizationId().value())
                .param("bot", r.chatbotId().value())
                .param("contact", r.contactId() == null ? null : r.contactId().value())
                .param("conversation", r.conversationId() == null ? null : r.conversationId().value())
                .param("turn", r.turnId() == null ? null : r.turnId().value())
                .param("provider", r.provider())
                .param("model", r.model())
                .param("in", r.tokensIn())
                .param("out", r.tokensOut())
                .param("cost", r.cost(), java.sql.Types.NUMERIC)
                .param("messages", r.messages())
                .param("kind", r.kind().code())
                .param("apiKey", r.apiKeyId() == null ? null : r.apiKeyId().value(), java.sql.Types.OTHER)
                .param("sourceKey", r.sourceKey())
                .update() == 1;
    }

    public List<UsageRecord> forConversation(ConversationId conversationId) {
        return jdbc.sql("select * from usage_records where conversation_id = :id order by id")
                .param("id", conversationId.value())
                .query((rs, row) -> new UsageRecord(new OrganizationId(rs.getObject("organization_id", UUID.class)),
                        new ChatbotId(rs.getObject("chatbot_id", UUID.class)),
                        nullable(rs.getObject("contact_id", UUID.class), ContactId::new),
                        nullable(rs.getObject("conversation_id", UUID.class), ConversationId::new),
                        nullable(rs.getObject("turn_id", UUID.class), TurnId::new), rs.getString("provider"),
                        rs.getString("model"), rs.getInt("tokens_in"), rs.getInt("tokens_out"),
                        rs.getBigDecimal("cost"),
                        UsageRecord.Kind.valueOf(rs.getString("kind").toUpperCase(java.util.Locale.ROOT)),
                        rs.getInt("messages"), nullable(rs.getObject("api_key_id", UUID.class), ApiKeyId::new),
                        rs.getString("source_key")))
                .list();
    }

    private static <T> T nullable(UUID value, java.util.function.Function<UUID, T> constructor) {
        return value == null ? null : constructor.apply(value);
    }
}
