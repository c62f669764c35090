package io.parley.conversation.internal;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import io.parley.platform.channel.ChannelType;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The conversation of a contact on a channel account, created when the business writes first. */
@Repository
public class ProactiveConversations {
    private final JdbcClient jdbc;

    ProactiveConversations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Finds or creates the conversation and moves its last message time; owner and inbound time stay. */
    public ConversationId upsert(
            OrganizationId organizationId,
            ChatbotId chatbotId,
            ContactId contactId,
            ChannelAccountId account,
            ChannelType channel,
            Instant at) {
        return jdbc.sql("""
                        insert into conversations (id, organization_id, chatbot_id, contact_id, channel_account_id,
                            channel, last_message_at)
                        values (:id, :org, :bot, :contact, :account, :channel, :at)
                        on conflict (channel_account_id, contact_id) do update
                          set last_message_at = greatest(conversations.last_message_at, excluded.last_message_at)
                        returning id""")
                .param("id", UUID.randomUUID())
                .param("org", organizationId.value())
                .param("bot", chatbotId.value())
                .param("contact", contactId.value())
                .param("account", account.value())
                .param("channel", channel.wireName())
                .param("at", Timestamp.from(at))
                .query((rs, row) -> new ConversationId(rs.getObject(1, UUID.class)))
                .single();
    }
}
