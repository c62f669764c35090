package io.parley.conversation.internal;

import io.parley.conversation.Owner;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.LogContext;
import io.parley.platform.MessageId;
import io.parley.platform.OrganizationId;
import io.parley.platform.SessionId;
import io.parley.platform.channel.ChannelType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class ConversationRepository {
    private final JdbcClient jdbc;

    ConversationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param lastBurstAt when the contact last sent a message that needs a reply within the burst gap of its previous
     *                    one ({@link Received#burstGap}), or null
     */
    public record ConversationRow(
            ConversationId id,
            OrganizationId organizationId,
            ChatbotId chatbotId,
            ContactId contactId,
            ChannelAccountId channelAccountId,
            ChannelType channel,
            Owner owner,
            Instant lastMessageAt,
            Instant createdAt,
            Instant lastBurstAt) {}

    /**
     * What {@link #receive} stores: the inbound event, its conversation and the message.
     *
     * @param serviceWindow the channel's customer service window, or null when it has none (no expiry is stored)
     * @param senderWaits   the sender holds its request open for the reply: its turn has no quiet window
     * @param burstGap      a message that needs a reply this soon after the contact's previous one marks the
     *                      conversation as bursting ({@code last_burst_at})
     */
    public record Received(
            OrganizationId organizationId,
            ChatbotId chatbotId,
            ContactId contactId,
            ChannelAccountId channelAccountId,
            ChannelType channel,
            String providerEventId,
            NewMessage message,
            java.time.Duration serviceWindow,
            boolean senderWaits,
            java.time.Duration burstGap) {}

    /**
     * Stores a received message in one statement: the inbound event (whose key makes a redelivery a no-op), the
     * conversation upsert and the message. Returns the conversation id, or empty when the event was a duplicate.
     */
    public Optional<ConversationId> receive(Received r) {
        NewMessage m = r.message();
        return jdbc.sql("""
                        with event as (
                            insert into inbound_events (channel_account_id, provider_event_id, organization_id, received_at)
                            values (:account, :event, :org, :at)
                            on conflict (channel_account_id, provider_event_id) do nothing
                            returning 1),
                        conversation as (
                            insert into conversations (id, organization_id, chatbot_id, contact_id, channel_account_id,
                                channel, last_message_at, last_inbound_at, window_expires_at)
                            select :newConversation, :org, :bot, :contact, :account, :channel, :at, :at, :window
                            where exists (select 1 from event)
                            on conflict (channel_account_id, contact_id) do update
                              set last_message_at = greatest(conversations.last_message_at, excluded.last_message_at),
                                  last_inbound_at = greatest(conversations.last_inbound_at, excluded.last_inbound_at),
                                  window_expires_at = greatest(conversations.window_expires_at,
                                                               excluded.window_expires_at),
                                  last_burst_at = case
                                      when :needsReply and excluded.last_inbound_at
                                               < conversations.last_inbound_at + make_interval(secs => :burstGap)
                                      then excluded.last_inbound_at
                                      else conversations.last_burst_at end
                            returning id),
                        message as (
                            insert into messages (id, organization_id, conversation_id, role, type, content, details,
                                provider_message_id, context_message_id, provider_timestamp, needs_reply, created_at,
                                trace_id, sender_waits)
                            select :message, :org, conversation.id, 'user', :type, :content, cast(:details as jsonb),
                                :event, :context, :ts, :needsReply, :at, :trace, :senderWaits
                            from conversation
                            returning conversation_id)
                        select conversation_id from message""")
                .param("account", r.channelAccountId().value())
                .param("event", r.providerEventId())
                .param("org", r.organizationId().value())
                .param("bot", r.chatbotId().value())
                .param("contact", r.contactId().value())
                .param("channel", r.channel().wireName())
                .param("newConversation", UUID.randomUUID())
                .param("message", m.id().value())
                .param("type", m.type())
                .param("content", m.content())
                .param("details", m.detailsJson())
                .param("context", m.contextMessageId())
                .param("ts", m.providerTimestamp() == null ? null : Timestamp.from(m.providerTimestamp()))
                .param("needsReply", m.needsReply())
                .param("at", Timestamp.from(m.createdAt()))
                .param("window", r.serviceWindow() == null ? null : Timestamp.from(windowExpiry(m, r.serviceWindow())))
                .param("trace", LogContext.activeTraceId())
                .param("senderWaits", r.senderWaits())
                .param("burstGap", r.burstGap().toMillis() / 1000.0)
                .query((rs, row) -> new ConversationId(rs.getObject(1, UUID.class)))
                .optional();
    }

    /**
     * The customer service window opens when the contact wrote (the provider's timestamp), not when the webhook
     * arrived; a timestamp from the future (clock skew) counts as now.
     */
    private static Instant windowExpiry(NewMessage m, java.time.Duration window) {
        Instant wrote = m.providerTimestamp() == null || m.providerTimestamp().isAfter(m.createdAt())
                ? m.createdAt()
                : m.providerTimestamp();
        return wrote.plus(window);
    }

    /** The window's facts, or empty for an unknown conversation. */
    public Optional<WindowRow> findWindow(ConversationId id) {
        return jdbc.sql("select * from conversations where id = :id")
                .param("id", id.value())
                .query((rs, row) -> new WindowRow(
                        mapConversation(rs, row),
                        rs.getTimestamp("window_expires_at") == null
                                ? null
                                : rs.getTimestamp("window_expires_at").toInstant()))
                .optional();
    }

    public record WindowRow(ConversationRow conversation, Instant windowExpiresAt) {}

    public record NewMessage(
            MessageId id,
            OrganizationId organizationId,
            ConversationId conversationId,
            String role,
            String type,
            String content,
            String detailsJson,
            String providerMessageId,
            String contextMessageId,
            Instant providerTimestamp,
            boolean needsReply,
            Instant createdAt) {}

    public void insertMessage(NewMessage m) {
        insertMessage(m, null, null);
    }

    /** A turn's reply: written with its turn and its session, so neither needs an update afterwards. */
    public void insertReply(NewMessage m, UUID turnId, SessionId session) {
        insertMessage(m, turnId, session);
    }

    private void insertMessage(NewMessage m, UUID turnId, SessionId session) {
        jdbc.sql("""
                        insert into messages (id, organization_id, conversation_id, role, type, content, details,
                            provider_message_id, context_message_id, provider_timestamp, needs_reply, created_at,
                            trace_id, turn_id, session_id)
                        values (:id, :org, :conversation, :role, :type, :content, cast(:details as jsonb), :pid,
                            :context, :ts, :needsReply, :createdAt, :trace, :turn, :session)""")
                .param("turn", turnId)
                .param("session", session == null ? null : session.value())
                .param("id", m.id().value())
                .param("org", m.organizationId().value())
                .param("conversation", m.conversationId().value())
                .param("role", m.role())
                .param("type", m.type())
                .param("content", m.content())
                .param("details", m.detailsJson())
                .param("pid", m.providerMessageId())
                .param("context", m.contextMessageId())
                .param("ts", m.providerTimestamp() == null ? null : Timestamp.from(m.providerTimestamp()))
                .param("needsReply", m.needsReply())
                .param("createdAt", Timestamp.from(m.createdAt()))
                .param("trace", LogContext.activeTraceId())
                .update();
    }

    public int setOwner(ConversationId id, String owner) {
        return jdbc.sql("update conversations set owner = :owner where id = :id")
                .param("id", id.value())
                .param("owner", owner)
                .update();
    }

    public List<ConversationRow> listByOrganization(OrganizationId organizationId, int limit) {
        return jdbc.sql("""
                        select * from conversations where organization_id = :org
                        order by last_message_at desc, id limit :limit""")
                .param("org", organizationId.value())
                .param("limit", limit)
                .query(ConversationRepository::mapConversation)
                .list();
    }

    public record Hit(ConversationId conversationId, StoredMessage message) {}

    /** Messages containing {@code text} (case-insensitive), newest first; within one organization when given. */
    public List<Hit> search(OrganizationId organizationId, String text, int limit) {
        String pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("""
                        select * from messages
                        where content ilike :pattern and (cast(:org as uuid) is null or organization_id = :org)
                        order by seq desc limit :limit""")
                .param("pattern", pattern)
                .param("org", organizationId == null ? null : organizationId.value())
                .param("limit", limit)
                .query((rs, row) ->
                        new Hit(new ConversationId(rs.getObject("conversation_id", UUID.class)), mapMessage(rs, row)))
                .list();
    }

    public void touchConversation(ConversationId id, Instant at) {
        jdbc.sql("update conversations set last_message_at = greatest(last_message_at, :at) where id = :id")
                .param("id", id.value())
                .param("at", Timestamp.from(at))
                .update();
    }

    public Optional<ConversationRow> find(ConversationId id) {
        return jdbc.sql("select * from conversations where id = :id")
                .param("id", id.value())
                .query(ConversationRepository::mapConversation)
                .optional();
    }

    public List<ConversationRow> listByChatbot(ChatbotId chatbotId, int limit) {
        return jdbc.sql(
                        "select * from conversations where chatbot_id = :bot order by last_message_at desc, id limit :limit")
                .param("bot", chatbotId.value())
                .param("limit", limit)
                .query(ConversationRepository::mapConversation)
                .list();
    }

    /** A contact's conversations in the organization, most recent first. */
    public List<ConversationRow> listByContact(OrganizationId organizationId, ContactId contactId, int limit) {
        return jdbc.sql("""
                        select * from conversations where organization_id = :org and contact_id = :contact
                        order by last_message_at desc, id limit :limit""")
                .param("org", organizationId.value())
                .param("contact", contactId.value())
                .param("limit", limit)
                .query(ConversationRepository::mapConversation)
                .list();
    }

    /** Whether both contacts have a conversation on one channel account (one conversation each is the rule). */
    public boolean shareChannelAccount(ContactId a, ContactId b) {
        return jdbc.sql("""
                        select exists (select 1 from conversations x join conversations y
                                       on y.channel_account_id = x.channel_account_id
                                       where x.contact_id = :a and y.contact_id = :b)""")
                .param("a", a.value())
                .param("b", b.value())
                .query(Boolean.class)
                .single();
    }

    /** Moves a contact's conversations and sessions to another contact of the organization. */
    public void moveContact(OrganizationId organizationId, ContactId from, ContactId into) {
        jdbc.sql("update conversations set contact_id = :into where organization_id = :org and contact_id = :from")
                .param("org", organizationId.value())
                .param("from", from.value())
                .param("into", into.value())
                .update();
        jdbc.sql("update sessions set contact_id = :into where organization_id = :org and contact_id = :from")
                .param("org", organizationId.value())
                .param("from", from.value())
                .param("into", into.value())
                .update();
    }

    /**
     * @param sessionId   null only until the transaction that wrote the message placed it (ADR 32)
     * @param senderWaits the sender holds its request open for the reply (ADR 49)
     */
    public record StoredMessage(
            MessageId id,
            long sequence,
            String role,
            String type,
            String content,
            String detailsJson,
            String providerMessageId,
            Instant createdAt,
            SessionId sessionId,
            String traceId,
            boolean senderWaits) {}

    /** The newest {@code limit} messages, returned oldest first. */
    public List<StoredMessage> recentMessages(ConversationId id, int limit) {
        return jdbc.sql("""
                        select * from (select * from messages where conversation_id = :id order by seq desc limit :limit) m
                        order by seq""")
                .param("id", id.value())
                .param("limit", limit)
                .query(ConversationRepository::mapMessage)
                .list();
    }

    /** A message of this conversation (another conversation's message id is not found). */
    public Optional<StoredMessage> findMessage(ConversationId conversation, MessageId message) {
        return jdbc.sql("select * from messages where id = :id and conversation_id = :conversation")
                .param("id", message.value())
                .param("conversation", conversation.value())
                .query(ConversationRepository::mapMessage)
                .optional();
    }

    public List<StoredMessage> unanswered(ConversationId id) {
        return jdbc.sql("""
                        select * from messages where conversation_id = :id and needs_reply and answered_at is null
                        order by seq""")
                .param("id", id.value())
                .query(ConversationRepository::mapMessage)
                .list();
    }

    /** Conversations whose oldest unanswered message is older than {@code before}, for the reaper. */
    public List<ConversationId> withUnansweredBefore(Instant before, int limit) {
        return jdbc.sql("""
                        select distinct m.conversation_id from messages m
                        where m.needs_reply and m.answered_at is null and m.created_at < :before
                        limit :limit""")
                .param("before", Timestamp.from(before))
                .param("limit", limit)
                .query((rs, row) -> new ConversationId(rs.getObject(1, UUID.class)))
                .list();
    }

    public void insertTurn(
            UUID turnId,
            OrganizationId organizationId,
            ConversationId conversationId,
            String outcome,
            String provider,
            String model,
            String fallbackReason,
            Instant startedAt) {
        insertTurn(
                turnId,
                organizationId,
                conversationId,
                outcome,
                provider,
                model,
                fallbackReason,
                startedAt,
                null,
                null);
    }

    /** A turn row that already knows its session and prompt plan (one statement instead of an insert and an update). */
    public void insertTurn(
            UUID turnId,
            OrganizationId organizationId,
            ConversationId conversationId,
            String outcome,
            String provider,
            String model,
            String fallbackReason,
            Instant startedAt,
            SessionId session,
            String promptJson) {
        jdbc.sql("""
                        insert into turns (id, organization_id, conversation_id, outcome, model_provider, model_name,
                            fallback_reason, started_at, session_id, prompt_tokens)
                        values (:id, :org, :conversation, :outcome, :provider, :model, :reason, :started, :session,
                            cast(:prompt as jsonb))""")
                .param("session", session == null ? null : session.value())
                .param("prompt", promptJson)
                .param("id", turnId)
                .param("org", organizationId.value())
                .param("conversation", conversationId.value())
                .param("outcome", outcome)
                .param("provider", provider)
                .param("model", model)
                .param("reason", fallbackReason)
                .param("started", Timestamp.from(startedAt))
                .update();
    }

    /** Marks the claimed messages answered by this turn; returns how many were still unanswered. */
    public int markAnswered(List<MessageId> ids, UUID turnId) {
        return jdbc.sql("""
                        update messages set answered_at = now(), turn_id = :turn
                        where id = any(:ids) and answered_at is null""")
                .param("turn", turnId)
                .param("ids", ids.stream().map(MessageId::value).toArray(UUID[]::new))
                .update();
    }

    /** The turn that answered this message of the conversation: empty while unanswered (or unknown). */
    public Optional<Optional<UUID>> answeringTurn(ConversationId conversation, MessageId message) {
        return jdbc.sql("""
                        select answered_at is not null as answered, turn_id from messages
                        where id = :id and conversation_id = :conversation""")
                .param("id", message.value())
                .param("conversation", conversation.value())
                .query((rs, row) -> rs.getBoolean("answered")
                        ? Optional.of(Optional.ofNullable(rs.getObject("turn_id", UUID.class)))
                        : Optional.<Optional<UUID>>empty())
                .optional()
                .flatMap(answered -> answered);
    }

    /** The replies a turn wrote (role assistant), oldest first. */
    public List<StoredMessage> repliesOfTurn(ConversationId conversation, UUID turnId) {
        return jdbc.sql("""
                        select * from messages where conversation_id = :conversation and turn_id = :turn
                            and role = 'assistant' order by seq""")
                .param("conversation", conversation.value())
                .param("turn", turnId)
                .query(ConversationRepository::mapMessage)
                .list();
    }

    /** The inbound messages answered by the turn that wrote {@code reply}; empty if no turn wrote it. */
    public List<MessageId> answeredWith(MessageId reply) {
        return jdbc.sql("""
                        select m.id from messages r join messages m on m.turn_id = r.turn_id
                            and m.conversation_id = r.conversation_id and m.role = 'user'
                        where r.id = :id and r.role = 'assistant' and r.turn_id is not null""")
                .param("id", reply.value())
                .query((rs, row) -> new MessageId(rs.getObject(1, UUID.class)))
                .list();
    }

    /** Up to {@code limit} messages after {@code after} (null: from the first), oldest first. */
    public List<StoredMessage> messagesAfter(ConversationId conversation, MessageId after, int limit) {
        return jdbc.sql("""
                        select * from messages where conversation_id = :conversation
                            and seq > coalesce((select seq from messages where id = :after
                                and conversation_id = :conversation), 0)
                        order by seq limit :limit""")
                .param("conversation", conversation.value())
                .param("after", after == null ? null : after.value())
                .param("limit", limit)
                .query(ConversationRepository::mapMessage)
                .list();
    }

    /** A throttled message stays stored but no turn answers it; {@code details.throttled} says why. */
    public void markThrottled(MessageId id, String scope) {
        jdbc.sql("""
                        update messages set needs_reply = false,
                            details = coalesce(details, '{}'::jsonb) || jsonb_build_object('throttled', :scope)
                        where id = :id""").param("id", id.value()).param("scope", scope).update();
    }

    private static ConversationRow mapConversation(ResultSet rs, int row) throws SQLException {
        return new ConversationRow(
                new ConversationId(rs.getObject("id", UUID.class)),
                new OrganizationId(rs.getObject("organization_id", UUID.class)),
                new ChatbotId(rs.getObject("chatbot_id", UUID.class)),
                new ContactId(rs.getObject("contact_id", UUID.class)),
                new ChannelAccountId(rs.getObject("channel_account_id", UUID.class)),
                ChannelType.fromWire(rs.getString("channel")),
                Owner.fromWire(rs.getString("owner")),
                rs.getTimestamp("last_message_at").toInstant(),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("last_burst_at")));
    }

    static StoredMessage mapMessage(ResultSet rs, int row) throws SQLException {
        UUID session = rs.getObject("session_id", UUID.class);
        return new StoredMessage(
                new MessageId(rs.getObject("id", UUID.class)),
                rs.getLong("seq"),
                rs.getString("role"),
                rs.getString("type"),
                rs.getString("content"),
                rs.getString("details"),
                rs.getString("provider_message_id"),
                rs.getTimestamp("created_at").toInstant(),
                session == null ? null : new SessionId(session),
                rs.getString("trace_id"),
                rs.getBoolean("sender_waits"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    public int deleteInboundEventsBefore(Instant cutoff) {
        return jdbc.sql("delete from inbound_events where received_at < :cutoff")
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }
}
