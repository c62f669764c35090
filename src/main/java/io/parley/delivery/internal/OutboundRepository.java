package io.parley.delivery.internal;

import io.parley.delivery.DeliveryStatus;
import io.parley.delivery.DeliveryView;
import io.parley.delivery.Lane;
import io.parley.delivery.OutboundContent;
import io.parley.delivery.OutboundRequest;
import io.parley.delivery.StatusReport;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ConversationId;
import io.parley.platform.LogContext;
import io.parley.platform.MessageId;
import io.parley.platform.OrganizationId;
import io.parley.platform.OutboundMessageId;
import io.parley.platform.channel.ChannelType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

@Repository
public class OutboundRepository {
    private final JdbcClient jdbc;
    private final JsonMapper json;

    OutboundRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public void insert(OutboundMessageId id, OutboundRequest r) {
        jdbc.sql("""
                        insert into outbound_messages (id, organization_id, conversation_id, message_id, channel_account_id,
                            channel, recipient, payload, lane, idempotency_key, request_hash, trace_id)
                        values (:id, :org, :conversation, :message, :account, :channel, :recipient, cast(:payload as jsonb),
                            :lane, :key, :hash, :trace)""")
                .param("id", id.value())
                .param("org", r.organizationId().value())
                .param("conversation", r.conversationId().value())
                .param("message", r.messageId().value())
                .param("account", r.channelAccountId().value())
                .param("channel", r.channel().wireName())
                .param("recipient", r.recipient())
                .param("payload", OutboundPayload.write(json, r.content(), r.contextMessageId()))
                .param("lane", r.lane().wireName())
                .param("key", r.idempotencyKey())
                .param("hash", r.requestHash())
                // The delivery job continues the trace of the request or turn that queued the message.
                .param("trace", LogContext.activeTraceId())
                .update();
    }

    /** What an organization already queued under an idempotency key. */
    public record Keyed(OutboundMessageId id, MessageId messageId, ConversationId conversationId, String requestHash) {}

    public Optional<Keyed> origin(OutboundMessageId id) {
        return jdbc.sql("select id, message_id, conversation_id from outbound_messages where id = :id")
                .param("id", id.value())
                .query((rs, row) -> new Keyed(
                        id,
                        new MessageId(rs.getObject("message_id", UUID.class)),
                        new ConversationId(rs.getObject("conversation_id", UUID.class)),
                        null))
                .optional();
    }

    public Optional<Keyed> findByKey(OrganizationId organization, String key) {
        return jdbc.sql("""
                        select id, message_id, conversation_id, request_hash from outbound_messages
                        where organization_id = :org and idempotency_key = :key""")
                .param("org", organization.value())
                .param("key", key)
                .query((rs, n) -> new Keyed(
                        new OutboundMessageId(rs.getObject("id", UUID.class)),
                        new MessageId(rs.getObject("message_id", UUID.class)),
                        new ConversationId(rs.getObject("conversation_id", UUID.class)),
                        rs.getString("request_hash")))
                .optional();
    }

    /** Serializes callers using the same key until the first one's transaction ends. */
    public void lockKey(OrganizationId organization, String key) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:k, 0))")
                .param("k", "outbound:" + organization.value() + ":" + key)
                .query((rs, n) -> 1)
                .list();
    }

    void reserveCampaignSlot(OutboundMessageId id, Instant slot) {
        jdbc.sql("update outbound_messages set campaign_slot_at = :slot where id = :id")
                .param("id", id.value())
                .param("slot", Timestamp.from(slot))
                .update();
    }

    Optional<OutboundRow> find(OutboundMessageId id) {
        return jdbc.sql("select * from outbound_messages where id = :id")
                .param("id", id.value())
                .query((rs, row) -> row(id, rs))
                .optional();
    }

    /** A message about to be attempted, and whether an older one of its conversation and lane is still pending. */
    record Candidate(OutboundRow row, boolean olderPending) {}

    /** {@link #find} and {@link #olderPending} in one round trip. */
    Optional<Candidate> findCandidate(OutboundMessageId id) {
        return jdbc.sql("""
                        select o.*, exists (select 1 from outbound_messages p
                                            where p.conversation_id = o.conversation_id and p.lane = o.lane
                                              and p.seq < o.seq and p.status in ('queued', 'sending')) as older_pending
                        from outbound_messages o where o.id = :id""")
                .param("id", id.value())
                .query((rs, row) -> new Candidate(row(id, rs), rs.getBoolean("older_pending")))
                .optional();
    }

    private OutboundRow row(OutboundMessageId id, ResultSet rs) throws SQLException {
        OutboundPayload.Decoded payload = OutboundPayload.read(json, rs.getString("payload"));
        return new OutboundRow(
                id,
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                new ConversationId(rs.getObject("conversation_id", UUID.class)),
                new ChannelAccountId(rs.getObject("channel_account_id", UUID.class)),
                ChannelType.fromWire(rs.getString("channel")),
                rs.getString("recipient"),
                payload.content(),
                payload.contextMessageId(),
                DeliveryStatus.fromWire(rs.getString("status")),
                rs.getInt("attempts"),
                Lane.fromWire(rs.getString("lane")),
                rs.getLong("seq"),
                rs.getInt("throttles"),
                instant(rs.getTimestamp("unconfirmed_at")),
                instant(rs.getTimestamp("campaign_slot_at")),
                rs.getString("trace_id"));
    }

    /** Claims an attempt: only a queued (or crashed mid-send) message moves to sending. */
    boolean startAttempt(OutboundMessageId id) {
        return jdbc.sql("""
                        update outbound_messages set status = 'sending', status_rank = 1, attempts = attempts + 1,
                            unconfirmed_at = now(), updated_at = now()
                        where id = :id and status in ('queued', 'sending')""").param("id", id.value()).update() == 1;
    }

    /** A claimed attempt that did not happen (no pacing token): back to queued, not counted. */
    void undoAttempt(OutboundMessageId id) {
        jdbc.sql("""
                        update outbound_messages set status = 'queued', status_rank = 0, attempts = attempts - 1,
                            unconfirmed_at = null
                        where id = :id and status = 'sending'""").param("id", id.value()).update();
    }

    void markSent(OutboundMessageId id, String providerMessageId) {
        jdbc.sql("""
                        update outbound_messages
                        set provider_message_id = coalesce(provider_message_id, :pid),
                            status = case when status_rank < 2 then 'sent' else status end,
                            status_rank = greatest(status_rank, 2), error_code = null, error_message = null,
                            unconfirmed_at = null, updated_at = now()
                        where id = :id""").param("id", id.value()).param("pid", providerMessageId).update();
    }

    void markRetrying(OutboundMessageId id, String code, String message, boolean throttled) {
        jdbc.sql("""
                        update outbound_messages set status = 'queued', status_rank = 0, error_code = :code,
                            error_message = :message, throttles = throttles + :throttle, unconfirmed_at = null,
                            updated_at = now()
                        where id = :id and status = 'sending'""")
                .param("id", id.value())
                .param("code", code)
                .param("message", truncate(message))
                .param("throttle", throttled ? 1 : 0)
                .update();
    }

    /** The answer was lost: back to queued, but remembered, so the next run first waits for a status report. */
    void markUnconfirmed(OutboundMessageId id, String code, String message, Instant at) {
        jdbc.sql("""
                        update outbound_messages set status = 'queued', status_rank = 0, error_code = :code,
                            error_message = :message, unconfirmed_at = :at, updated_at = now()
                        where id = :id and status = 'sending'""")
                .param("id", id.value())
                .param("code", code)
                .param("message", truncate(message))
                .param("at", Timestamp.from(at))
                .update();
    }

    /**
     * Resets a failed message to a fresh start; returns its lane, if reset. A failed message was never delivered:
     * either the provider never accepted it, or it accepted it and then reported it failed (its id is dropped, the
     * replay gets a new one, and the old one is remembered so that a late report about it changes nothing). A
     * delivered or read message is never failed (status order), so never sent twice. A message whose content
     * retention removed is never reset: there is nothing to send.
     */
    Optional<Lane> requeue(OutboundMessageId id) {
        return jdbc.sql("""
                        update outbound_messages set status = 'queued', status_rank = 0, attempts = 0, throttles = 0,
                            unconfirmed_at = null, campaign_slot_at = null, error_code = null, error_message = null,
                            superseded_provider_ids = case when provider_message_id is null then superseded_provider_ids
                                else array_append(superseded_provider_ids, provider_message_id) end,
                            provider_message_id = null, updated_at = now()
                        where id = :id and status in ('failed', 'window_closed') and %s
                        returning lane""".formatted(OutboundPayload.hasContent("outbound_messages")))
                .param("id", id.value())
                .query((rs, n) -> Lane.fromWire(rs.getString("lane")))
                .optional();
    }

    /**
     * Free text outside the 24-hour window with no template to send instead: never sent (ADR 21). Also a message
     * Meta reported {@code failed} with 131047 (the status report marked it failed just before).
     */
    void markWindowClosed(OutboundMessageId id, String reason) {
        jdbc.sql("""
                        update outbound_messages set status = 'window_closed', status_rank = 3,
                            error_code = 'window_closed', error_message = :reason, updated_at = now()
                        where id = :id and (status_rank < 3 or status = 'failed')""").param("id", id.value()).param("reason", truncate(reason)).update();
    }

    /** The content actually sent from now on (a template replacing free text outside the window). */
    void replaceContent(OutboundMessageId id, OutboundContent content, String contextMessageId) {
        // Never over an anonymized payload: retention may have cleared it since the row was read.
        jdbc.sql("""
                        update outbound_messages set payload = cast(:payload as jsonb), updated_at = now()
                        where id = :id and %s""".formatted(OutboundPayload.hasContent("outbound_messages")))
                .param("id", id.value())
                .param("payload", OutboundPayload.write(json, content, contextMessageId))
                .update();
    }

    void markFailed(OutboundMessageId id, String code, String message) {
        jdbc.sql("""
                        update outbound_messages set status = 'failed', status_rank = 3, error_code = :code,
                            error_message = :message, updated_at = now()
                        where id = :id and status_rank < 3""")
                .param("id", id.value())
                .param("code", code)
                .param("message", truncate(message))
                .update();
    }

    /** A status report applied to one message, and its rank before (to tell a new failure from a repeated one). */
    public record Applied(OutboundMessageId id, int previousRank) {}

    /**
     * Applies a status report under a row lock, so two copies of one webhook applied at once see each other: only
     * the first moves the message. Empty if no message of the channel account matches.
     */
    public Optional<Applied> applyStatus(StatusReport report) {
        if (report.providerMessageId() != null) {
            Optional<Applied> applied = applyByProviderId(report);
            if (applied.isPresent() || report.callbackData() == null) {
                return applied;
            }
        }
        Optional<UUID> id = locate(report);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        int previousRank = jdbc.sql("select status_rank from outbound_messages where id = :id for update")
                .param("id", id.get())
                .query(Integer.class)
                .single();
        DeliveryStatus status = report.status();
        jdbc.sql("""
                        update outbound_messages
                        set status = case when status_rank < :rank then :status else status end,
                            status_rank = greatest(status_rank, :rank),
                            provider_message_id = coalesce(provider_message_id, :pid),
                            error_code = case when :failed then :code else error_code end,
                            error_message = case when :failed then :message else error_message end,
                            updated_at = now()
                        where id = :id""")
                .param("id", id.get())
                .param("rank", status.rank())
                .param("status", status.wireName())
                .param("pid", report.providerMessageId())
                .param("failed", status == DeliveryStatus.FAILED && previousRank < status.rank())
                .param("code", report.errorCode())
                .param("message", truncate(report.errorMessage()))
                .update();
        return Optional.of(new Applied(new OutboundMessageId(id.get()), previousRank));
    }

    /**
     * The common case in one statement (a campaign's status storm is three of these per message): the row found by
     * the provider's id is locked, its rank before the report read under that lock, and the report applied.
     */
    private Optional<Applied> applyByProviderId(StatusReport report) {
        DeliveryStatus status = report.status();
        return jdbc.sql("""
                        with target as (
                            select id, status_rank from outbound_messages
                            where channel_account_id = :account and provider_message_id = :pid
                            for update)
                        update outbound_messages o
                        set status = case when o.status_rank < :rank then :status else o.status end,
                            status_rank = greatest(o.status_rank, :rank),
                            error_code = case when :failed and t.status_rank < :rank then :code else o.error_code end,
                            error_message = case when :failed and t.status_rank < :rank then :message
                                                 else o.error_message end,
                            updated_at = now()
                        from target t where o.id = t.id
                        returning o.id, t.status_rank""")
                .param("account", report.channelAccountId().value())
                .param("pid", report.providerMessageId())
                .param("rank", status.rank())
                .param("status", status.wireName())
                .param("failed", status == DeliveryStatus.FAILED)
                .param("code", report.errorCode())
                .param("message", truncate(report.errorMessage()))
                .query((rs, row) -> new Applied(new OutboundMessageId(rs.getObject(1, UUID.class)), rs.getInt(2)))
                .optional();
    }

    private Optional<UUID> locate(StatusReport report) {
        Optional<UUID> byProviderId = report.providerMessageId() == null
                ? Optional.empty()
                : jdbc.sql("""
                                select id from outbound_messages
                                where channel_account_id = :account and provider_message_id = :pid""")
                        .param("account", report.channelAccountId().value())
                        .param("pid", report.providerMessageId())
                        .query(UUID.class)
                        .optional();
        if (byProviderId.isPresent() || report.callbackData() == null) {
            return byProviderId;
        }
        UUID callbackId;
        try {
            callbackId = UUID.fromString(report.callbackData());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // A report about an id the message had before a replay is late news about an attempt that is over.
        return jdbc.sql("""
                        select id from outbound_messages where id = :id and channel_account_id = :account
                          and (cast(:pid as text) is null or not (cast(:pid as text) = any(superseded_provider_ids)))""")
                .param("id", callbackId)
                .param("account", report.channelAccountId().value())
                .param("pid", report.providerMessageId(), java.sql.Types.VARCHAR)
                .query(UUID.class)
                .optional();
    }

    public Map<MessageId, DeliveryView> forMessages(Collection<MessageId> messageIds) {
        Map<MessageId, DeliveryView> views = new LinkedHashMap<>();
        jdbc.sql("select * from outbound_messages where message_id = any(:ids)")
                .param("ids", messageIds.stream().map(MessageId::value).toArray(UUID[]::new))
                .query(rs -> {
                    MessageId messageId = new MessageId(rs.getObject("message_id", UUID.class));
                    views.put(
                            messageId,
                            new DeliveryView(
                                    new OutboundMessageId(rs.getObject("id", UUID.class)),
                                    messageId,
                                    DeliveryStatus.fromWire(rs.getString("status")),
                                    rs.getString("provider_message_id"),
                                    rs.getString("error_code"),
                                    rs.getString("error_message"),
                                    rs.getInt("attempts")));
                });
        return views;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static String truncate(String value) {
        return value == null || value.length() <= 1000 ? value : value.substring(0, 1000);
    }

    /** Renames idempotency keys starting with {@code prefix} older than {@code cutoff}, at most {@code batch}. */
    public int expireKeys(String prefix, Instant cutoff, int batch) {
        return jdbc.sql("""
                        update outbound_messages set idempotency_key = 'expired:' || id, request_hash = null
                        where id in (select id from outbound_messages
                                     where idempotency_key like :pattern and created_at < :cutoff limit :batch)""")
                .param("pattern", prefix + "%")
                .param("cutoff", Timestamp.from(cutoff))
                .param("batch", batch)
                .update();
    }
}
