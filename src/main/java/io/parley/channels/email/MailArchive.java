package io.parley.channels.email;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.OrganizationId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code email_messages} rows: every email in and out of a mailbox once per Message-ID, the original kept, and
 * what threading needs (the thread's address, Subject, In-Reply-To, References). Also the bounced addresses.
 */
@Repository
class MailArchive {
    private final JdbcClient jdbc;

    MailArchive(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One email as archived. {@code threadAddress}: the contact whose conversation it belongs to. */
    record Entry(
            UUID id,
            OrganizationId organizationId,
            ChannelAccountId channelAccountId,
            String messageId,
            String direction,
            String kind,
            String peerAddress,
            String threadAddress,
            String subject,
            String inReplyTo,
            String references,
            byte[] raw,
            Instant createdAt) {}

    /** The head of a thread: what a reply needs to thread under it. */
    record ThreadHead(String messageId, String subject, String inReplyTo, String references) {}

    /** Stores the email unless its Message-ID is already archived for this mailbox; true when it was new. */
    boolean add(Entry entry) {
        return jdbc.sql("""
                        insert into email_messages (id, organization_id, channel_account_id, message_id, direction,
                            kind, peer_address, thread_address, subject, in_reply_to, refs, raw, created_at)
                        values (:id, :org, :account, :messageId, :direction, :kind, :peer, :thread, :subject,
                            :inReplyTo, :refs, :raw, :at)
                        on conflict (channel_account_id, message_id) do nothing""")
                        .param("id", entry.id())
                        .param("org", entry.organizationId().value())
                        .param("account", entry.channelAccountId().value())
                        .param("messageId", entry.messageId())
                        .param("direction", entry.direction())
                        .param("kind", entry.kind())
                        .param("peer", entry.peerAddress())
                        .param("thread", entry.threadAddress())
                        .param("subject", entry.subject())
                        .param("inReplyTo", entry.inReplyTo())
                        .param("refs", entry.references())
                        .param("raw", entry.raw())
                        .param("at", Timestamp.from(entry.createdAt()))
                        .update()
                == 1;
    }

    boolean contains(ChannelAccountId account, String messageId) {
        return jdbc.sql("select 1 from email_messages where channel_account_id = :account and message_id = :id")
                .param("account", account.value())
                .param("id", messageId)
                .query(Integer.class)
                .optional()
                .isPresent();
    }

    /**
     * The thread (its contact's address) one of {@code messageIds} belongs to, among this organization's emails of
     * this mailbox: how a reply finds its conversation (RFC 5322 §3.6.4), newest match first.
     */
    Optional<String> threadOf(OrganizationId organization, ChannelAccountId account, Collection<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.sql("""
                        select thread_address from email_messages
                        where organization_id = :org and channel_account_id = :account
                          and message_id in (:ids) and thread_address is not null
                        order by created_at desc limit 1""")
                .param("org", organization.value())
                .param("account", account.value())
                .param("ids", List.copyOf(messageIds))
                .query(String.class)
                .optional();
    }

    /** The latest email the contact at {@code address} wrote to this mailbox in its conversation: what we answer. */
    Optional<ThreadHead> lastInbound(ChannelAccountId account, String address) {
        return jdbc.sql("""
                        select message_id, subject, in_reply_to, refs from email_messages
                        where channel_account_id = :account and thread_address = :address and direction = 'in'
                          and kind = 'conversation'
                        order by created_at desc limit 1""")
                .param("account", account.value())
                .param("address", address)
                .query((rs, row) -> new ThreadHead(
                        rs.getString("message_id"),
                        rs.getString("subject"),
                        rs.getString("in_reply_to"),
                        rs.getString("refs")))
                .optional();
    }

    /** How many emails {@code address} sent this mailbox since {@code since} (the reply loop guard). */
    int inboundSince(ChannelAccountId account, String address, Instant since) {
        return jdbc.sql("""
                        select count(*) from email_messages
                        where channel_account_id = :account and peer_address = :address and direction = 'in'
                          and created_at >= :since""")
                .param("account", account.value())
                .param("address", address)
                .param("since", Timestamp.from(since))
                .query(Integer.class)
                .single();
    }

    /** The original of an inbound email, for its attachments. */
    Optional<byte[]> raw(ChannelAccountId account, UUID id) {
        return jdbc.sql("select raw from email_messages where channel_account_id = :account and id = :id")
                .param("account", account.value())
                .param("id", id)
                .query((rs, row) -> rs.getBytes("raw"))
                .optional();
    }

    void flagBounced(ChannelAccountId account, String address, String status, Instant at) {
        jdbc.sql("""
                        insert into email_bounced_addresses (channel_account_id, address, status, bounced_at)
                        values (:account, :address, :status, :at)
                        on conflict (channel_account_id, address) do update
                            set status = excluded.status, bounced_at = excluded.bounced_at""")
                .param("account", account.value())
                .param("address", address)
                .param("status", status)
                .param("at", Timestamp.from(at))
                .update();
    }

    /** The person wrote again: their address works. */
    void clearBounced(ChannelAccountId account, String address) {
        jdbc.sql("delete from email_bounced_addresses where channel_account_id = :account and address = :address")
                .param("account", account.value())
                .param("address", address)
                .update();
    }

    boolean isBounced(ChannelAccountId account, String address) {
        return jdbc.sql("select 1 from email_bounced_addresses where channel_account_id = :account and address = :a")
                .param("account", account.value())
                .param("a", address)
                .query(Integer.class)
                .optional()
                .isPresent();
    }
}
