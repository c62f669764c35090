package io.parley.delivery;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.ConversationId;
import io.parley.platform.MessageId;
import io.parley.platform.OrganizationId;
import io.parley.testing.Tenants;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Many outbound messages at once for one bot, each in its own conversation with its own recipient (as a campaign
 * would): contacts, conversations and messages are inserted in bulk, then queued through {@link Deliveries}. The
 * contacts wrote within the last day (their 24-hour window is open), so the free text goes out.
 */
final class BulkOutbound {
    private final JdbcClient jdbc;
    private final Deliveries deliveries;
    private final TransactionTemplate transactions;

    BulkOutbound(JdbcClient jdbc, Deliveries deliveries, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.deliveries = deliveries;
        this.transactions = transactions;
    }

    /** Queues {@code count} messages in one transaction; returns their conversation ids. */
    List<UUID> enqueue(Tenants.WhatsAppBot bot, int count, Lane lane, String text) {
        String prefix = UUID.randomUUID().toString();
        jdbc.sql("""
                        insert into contacts (id, organization_id, chatbot_id)
                        select md5(:p || 'c' || i)::uuid, cast(:org as uuid), cast(:bot as uuid)
                        from generate_series(1, :n) i""")
                .param("p", prefix)
                .param("org", bot.organizationId())
                .param("bot", bot.chatbotId())
                .param("n", count)
                .update();
        jdbc.sql("""
                        insert into conversations (id, organization_id, chatbot_id, contact_id, channel_account_id, channel,
                                                   last_inbound_at, window_expires_at)
                        select md5(:p || 'v' || i)::uuid, cast(:org as uuid), cast(:bot as uuid), md5(:p || 'c' || i)::uuid,
                            cast(:account as uuid), 'whatsapp', now(), now() + interval '23 hours'
                        from generate_series(1, :n) i""")
                .param("p", prefix)
                .param("org", bot.organizationId())
                .param("bot", bot.chatbotId())
                .param("account", bot.channelId())
                .param("n", count)
                .update();
        jdbc.sql("""
                        insert into messages (id, organization_id, conversation_id, role, content)
                        select md5(:p || 'm' || i)::uuid, cast(:org as uuid), md5(:p || 'v' || i)::uuid, 'assistant', :text
                        from generate_series(1, :n) i""")
                .param("p", prefix)
                .param("org", bot.organizationId())
                .param("text", text)
                .param("n", count)
                .update();
        List<UUID> conversations = jdbc.sql("select md5(:p || 'v' || i)::uuid from generate_series(1, :n) i")
                .param("p", prefix)
                .param("n", count)
                .query(UUID.class)
                .list();
        List<UUID> messages = jdbc.sql("select md5(:p || 'm' || i)::uuid from generate_series(1, :n) i")
                .param("p", prefix)
                .param("n", count)
                .query(UUID.class)
                .list();
        long base = 15_550_000_000L + Math.floorMod(prefix.hashCode(), 1_000_000) * 1000L;
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < count; i++) {
                deliveries.enqueue(new OutboundRequest(
                        new OrganizationId(UUID.fromString(bot.organizationId())),
                        new ConversationId(conversations.get(i)),
                        new MessageId(messages.get(i)),
                        new ChannelAccountId(UUID.fromString(bot.channelId())),
                        io.parley.platform.channel.ChannelType.WHATSAPP,
                        Long.toString(base + i),
                        text,
                        lane,
                        null,
                        null));
            }
        });
        return new ArrayList<>(conversations);
    }

    /** Stops what is left of a backlog so it does not load the scheduler for later tests. */
    void discard(List<UUID> conversations) {
        io.parley.testing.Deadlocks.retry(() -> jdbc.sql("delete from conversations where id = any(:ids)")
                .param("ids", conversations.toArray(UUID[]::new))
                .update());
    }
}
