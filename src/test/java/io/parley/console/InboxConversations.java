package io.parley.console;

import io.parley.testing.Tenants;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Conversations written straight into the database for inbox tests that need many of them or a precise state
 * (owner, assignment, reads, a failed delivery) without driving each through a channel.
 */
final class InboxConversations {
    private final JdbcClient jdbc;
    private final Tenants.WhatsAppBot bot;

    InboxConversations(JdbcClient jdbc, Tenants.WhatsAppBot bot) {
        this.jdbc = jdbc;
        this.bot = bot;
    }

    /** A contact with a phone and a conversation whose last message (the contact's, {@code text}) is at {@code at}. */
    UUID add(String name, String phone, String text, Instant at) {
        UUID contact = UUID.randomUUID();
        UUID conversation = UUID.randomUUID();
        jdbc.sql("insert into contacts (id, organization_id, chatbot_id, display_name) values (?, ?, ?, ?)")
                .params(contact, org(), bot(), name)
                .update();
        jdbc.sql("""
                        insert into contact_identities (chatbot_id, kind, value, contact_id, organization_id)
                        values (?, 'phone', ?, ?, ?)""").params(bot(), phone, contact, org()).update();
        jdbc.sql("""
                        insert into conversations (id, organization_id, chatbot_id, contact_id, channel_account_id,
                            channel, last_message_at, last_inbound_at)
                        values (?, ?, ?, ?, ?, 'whatsapp', ?, ?)""")
                .params(conversation, org(), bot(), contact, UUID.fromString(bot.channelId()), ts(at), ts(at))
                .update();
        message(conversation, "user", text, at);
        return conversation;
    }

    /** A message in the conversation at {@code at}; returns its sequence number. */
    long message(UUID conversation, String role, String text, Instant at) {
        long seq = jdbc.sql("""
                        insert into messages (id, organization_id, conversation_id, role, content, created_at)
                        values (?, ?, ?, ?, ?, ?) returning seq""")
                .params(UUID.randomUUID(), org(), conversation, role, text, ts(at))
                .query(Long.class)
                .single();
        jdbc.sql("""
                        update conversations set last_message_at = greatest(last_message_at, ?),
                            last_inbound_at = case when ? = 'user' then greatest(last_inbound_at, ?) else last_inbound_at end
                        where id = ?""").params(ts(at), role, ts(at), conversation).update();
        return seq;
    }

    void owner(UUID conversation, String owner) {
        jdbc.sql("update conversations set owner = ? where id = ?")
                .params(owner, conversation)
                .update();
    }

    void assign(UUID conversation, UUID staffUser) {
        jdbc.sql("update conversations set assigned_to = ? where id = ?")
                .params(staffUser, conversation)
                .update();
    }

    void read(UUID staffUser, UUID conversation, long sequence) {
        jdbc.sql("""
                        insert into conversation_reads (staff_user_id, conversation_id, read_sequence, read_at)
                        values (?, ?, ?, now())""").params(staffUser, conversation, sequence).update();
    }

    /** A bot reply that failed for good (as the delivery job leaves one that exhausted its retries). */
    void failedDelivery(UUID conversation, Instant at) {
        UUID message = UUID.randomUUID();
        jdbc.sql("""
                        insert into messages (id, organization_id, conversation_id, role, content, created_at)
                        values (?, ?, ?, 'assistant', 'We open at 9.', ?)""").params(message, org(), conversation, ts(at)).update();
        jdbc.sql("""
                        insert into outbound_messages (id, organization_id, conversation_id, message_id,
                            channel_account_id, channel, recipient, payload, status, idempotency_key)
                        values (?, ?, ?, ?, ?, 'whatsapp', '15550001111', '{}', 'failed', ?)""")
                .params(
                        UUID.randomUUID(),
                        org(),
                        conversation,
                        message,
                        UUID.fromString(bot.channelId()),
                        "message:" + message)
                .update();
    }

    UUID staffId(String email) {
        return jdbc.sql("select id from staff_users where lower(email) = lower(?)")
                .params(email)
                .query(UUID.class)
                .single();
    }

    private UUID org() {
        return UUID.fromString(bot.organizationId());
    }

    private UUID bot() {
        return UUID.fromString(bot.chatbotId());
    }

    private static Timestamp ts(Instant at) {
        return Timestamp.from(at);
    }
}
