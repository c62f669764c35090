package io.parley.usage.internal;

import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import io.parley.platform.TurnId;
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

    /** False when the turn already has a record. */
    public boolean insert(UsageRecord r) {
        return jdbc.sql("""
                        insert into usage_records (organization_id, chatbot_id, contact_id, conversation_id, turn_id,
                            provider, model, tokens_in, tokens_out, cost)
                        values (:org, :bot, :contact, :conversation, :turn, :provider, :model, :in, :out, :cost)
                        on conflict (turn_id) do nothing""")
                .param("org", r.organizationId().value())
                .param("bot", r.chatbotId().value())
                .param("contact", r.contactId() == null ? null : r.contactId().value())
                .param("conversation", r.conversationId() == null ? null : r.conversationId().value())
                .param("turn", r.turnId() == null ? null : r.turnId().value())
                .param("provider", r.provider())
                .param("model", r.model())
                .param("in", r.tokensIn())
                .param("out", r.tokensOut())
                .param("cost", r.cost())
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
                        rs.getBigDecimal("cost")))
                .list();
    }

    private static <T> T nullable(UUID value, java.util.function.Function<UUID, T> constructor) {
        return value == null ? null : constructor.apply(value);
    }
}
