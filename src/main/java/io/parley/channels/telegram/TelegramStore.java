package io.parley.channels.telegram;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.OrganizationId;
import io.parley.platform.Secret;
import io.parley.platform.SecretBox;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The Telegram package's rows (V46): connected bots with their token and webhook secret sealed per row and column,
 * the update ids already stored, chats that blocked a bot, and what Telegram answered per outbound id.
 */
@Repository
class TelegramStore {
    /** Telegram keeps an undelivered update at most 24 hours; its id is kept twice as long. */
    private static final Duration UPDATE_MEMORY = Duration.ofDays(2);
    /** Deliveries give up within hours; a week of answers covers every retry and replay window that matters. */
    private static final Duration SEND_MEMORY = Duration.ofDays(7);

    private final JdbcClient jdbc;
    private final SecretBox secrets;

    TelegramStore(JdbcClient jdbc, SecretBox secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    void insert(
            ChannelAccountId id,
            OrganizationId organization,
            long botId,
            String username,
            String token,
            String webhookSecret) {
        jdbc.sql("""
                        insert into telegram_channels (channel_account_id, organization_id, bot_id, bot_username,
                            bot_token, webhook_secret)
                        values (:id, :org, :bot, :username, :token, :secret)""")
                .param("id", id.value())
                .param("org", organization.value())
                .param("bot", botId)
                .param("username", username)
                .param("token", secrets.seal(token, context("bot_token", id)))
                .param("secret", secrets.seal(webhookSecret, context("webhook_secret", id)))
                .update();
    }

    void replaceToken(ChannelAccountId id, String token) {
        jdbc.sql("update telegram_channels set bot_token = :token where channel_account_id = :id")
                .param("id", id.value())
                .param("token", secrets.seal(token, context("bot_token", id)))
                .update();
    }

    Optional<TelegramBot> find(ChannelAccountId id) {
        return jdbc.sql("select * from telegram_channels where channel_account_id = :id")
                .param("id", id.value())
                .query((rs, n) -> bot(
                        new ChannelAccountId(rs.getObject("channel_account_id", UUID.class)),
                        new OrganizationId(rs.getObject("organization_id", UUID.class)),
                        rs.getLong("bot_id"),
                        rs.getString("bot_username"),
                        rs.getBytes("bot_token"),
                        rs.getBytes("webhook_secret")))
                .optional();
    }

    /** The organization's bots, the first connected first. */
    List<TelegramBot> ofOrganization(OrganizationId organization) {
        return jdbc.sql("""
                        select * from telegram_channels where organization_id = :org
                        order by created_at, channel_account_id""")
                .param("org", organization.value())
                .query((rs, n) -> bot(
                        new ChannelAccountId(rs.getObject("channel_account_id", UUID.class)),
                        organization,
                        rs.getLong("bot_id"),
                        rs.getString("bot_username"),
                        rs.getBytes("bot_token"),
                        rs.getBytes("webhook_secret")))
                .list();
    }

    /** Of these channel accounts, the Telegram bots (for deletions). */
    List<TelegramBot> among(Collection<ChannelAccountId> ids) {
        return ids.stream().map(this::find).flatMap(Optional::stream).toList();
    }

    /**
     * Records an update id; false when it was stored before (a redelivery). Now and then forgets the channel's ids
     * older than two days.
     */
    boolean firstTime(ChannelAccountId channel, long updateId, Instant now) {
        if (updateId % 64 == 0) {
            jdbc.sql("delete from telegram_updates where channel_account_id = :id and received_at < :cutoff")
                    .param("id", channel.value())
                    .param("cutoff", java.sql.Timestamp.from(now.minus(UPDATE_MEMORY)))
                    .update();
        }
        return jdbc.sql("""
                        insert into telegram_updates (channel_account_id, update_id, received_at)
                        values (:id, :update, :now) on conflict do nothing""")
                        .param("id", channel.value())
                        .param("update", updateId)
                        .param("now", java.sql.Timestamp.from(now))
                        .update()
                == 1;
    }

    void blocked(ChannelAccountId channel, long chatId, Instant now) {
        jdbc.sql("""
                        insert into telegram_blocked_chats (channel_account_id, chat_id, blocked_at)
                        values (:id, :chat, :now) on conflict do nothing""")
                .param("id", channel.value())
                .param("chat", chatId)
                .param("now", java.sql.Timestamp.from(now))
                .update();
    }

    void unblocked(ChannelAccountId channel, long chatId) {
        jdbc.sql("delete from telegram_blocked_chats where channel_account_id = :id and chat_id = :chat")
                .param("id", channel.value())
                .param("chat", chatId)
                .update();
    }

    boolean isBlocked(ChannelAccountId channel, long chatId) {
        return jdbc.sql("""
                        select exists (select 1 from telegram_blocked_chats
                                       where channel_account_id = :id and chat_id = :chat)""")
                .param("id", channel.value())
                .param("chat", chatId)
                .query(Boolean.class)
                .single();
    }

    Optional<String> sentAs(ChannelAccountId channel, UUID outboundId) {
        return jdbc.sql("""
                        select provider_message_id from telegram_sends
                        where channel_account_id = :id and outbound_id = :outbound""")
                .param("id", channel.value())
                .param("outbound", outboundId)
                .query(String.class)
                .optional();
    }

    /** Records what Telegram answered; now and then forgets the channel's answers older than a week. */
    void sent(ChannelAccountId channel, UUID outboundId, String providerMessageId, Instant now) {
        if ((outboundId.getLeastSignificantBits() & 63) == 0) {
            jdbc.sql("delete from telegram_sends where channel_account_id = :id and sent_at < :cutoff")
                    .param("id", channel.value())
                    .param("cutoff", java.sql.Timestamp.from(now.minus(SEND_MEMORY)))
                    .update();
        }
        jdbc.sql("""
                        insert into telegram_sends (channel_account_id, outbound_id, provider_message_id, sent_at)
                        values (:id, :outbound, :provider, :now) on conflict do nothing""")
                .param("id", channel.value())
                .param("outbound", outboundId)
                .param("provider", providerMessageId)
                .param("now", java.sql.Timestamp.from(now))
                .update();
    }

    private TelegramBot bot(
            ChannelAccountId id,
            OrganizationId organization,
            long botId,
            String username,
            byte[] token,
            byte[] webhookSecret) {
        return new TelegramBot(
                id,
                organization,
                botId,
                username,
                Secret.of(secrets.open(token, context("bot_token", id))),
                Secret.of(secrets.open(webhookSecret, context("webhook_secret", id))));
    }

    private static String context(String column, ChannelAccountId id) {
        return "telegram_channels." + column + ":" + id;
    }
}
