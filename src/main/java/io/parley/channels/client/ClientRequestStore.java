package io.parley.channels.client;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.MessageId;
import io.parley.platform.SessionId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code client_requests} rows: one per request id of a contact on a channel, kept for 24 hours. */
@Repository
class ClientRequestStore {
    private final JdbcClient jdbc;

    ClientRequestStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The scope of a request id (seed 000 §2.4): the channel and the contact. */
    record Key(ChannelAccountId channel, ContactId contact, String requestId) {}

    /**
     * @param response     the 200 body without the conversation token (null while running)
     * @param waitingUntil while a request waits for its turn's replies, when it gives up; null otherwise
     * @param inResponse   the replies were returned in the response (no callback carries them)
     */
    record Row(
            Key key,
            String bodyHash,
            boolean done,
            ConversationId conversationId,
            MessageId messageId,
            SessionId sessionId,
            String response,
            List<MessageId> replyIds,
            Instant waitingUntil,
            boolean inResponse,
            Instant createdAt) {}

    /** Serializes everything done with this request id on this channel until the caller's transaction ends. */
    void lock(ChannelAccountId channel, String requestId) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:k, 0))")
                .param("k", "client-request:" + channel + ":" + requestId)
                .query((rs, row) -> 1)
                .list();
    }

    /** The request with this id whose sender was named by the same claims, if any (the newest). */
    Optional<Row> findByClaims(ChannelAccountId channel, String requestId, String claimsHash) {
        return jdbc.sql("""
                        select * from client_requests
                        where channel_account_id = :channel and request_id = :request and claims_hash = :claims
                        order by created_at desc limit 1""")
                .param("channel", channel.value())
                .param("request", requestId)
                .param("claims", claimsHash)
                .query(ClientRequestStore::map)
                .optional();
    }

    Optional<Row> find(Key key) {
        return jdbc.sql("""
                        select * from client_requests
                        where channel_account_id = :channel and contact_id = :contact and request_id = :request""")
                .param("channel", key.channel().value())
                .param("contact", key.contact().value())
                .param("request", key.requestId())
                .query(ClientRequestStore::map)
                .optional();
    }

    void insert(
            Key key,
            String bodyHash,
            String claimsHash,
            ConversationId conversation,
            MessageId message,
            SessionId session,
            Instant waitingUntil,
            Instant now) {
        jdbc.sql("""
                        insert into client_requests (channel_account_id, contact_id, request_id, body_hash,
                            claims_hash, state, conversation_id, message_id, session_id, waiting_until, created_at)
                        values (:channel, :contact, :request, :hash, :claims, 'running', :conversation, :message,
                            :session, :waiting, :now)""")
                .param("claims", claimsHash)
                .param("channel", key.channel().value())
                .param("contact", key.contact().value())
                .param("request", key.requestId())
                .param("hash", bodyHash)
                .param("conversation", conversation.value())
                .param("message", message.value())
                .param("session", session == null ? null : session.value())
                .param("waiting", waitingUntil == null ? null : Timestamp.from(waitingUntil))
                .param("now", Timestamp.from(now))
                .update();
    }

    void delete(Key key) {
        jdbc.sql("""
                        delete from client_requests
                        where channel_account_id = :channel and contact_id = :contact and request_id = :request""")
                .param("channel", key.channel().value())
                .param("contact", key.contact().value())
                .param("request", key.requestId())
                .update();
    }

    /** Records the answer once; returns false when another node recorded it first. */
    boolean complete(Key key, String responseJson, List<MessageId> replies, boolean waited, Instant now) {
        return jdbc.sql("""
                        update client_requests set state = 'done', response = cast(:response as jsonb),
                            reply_ids = :replies, completed_at = :now,
                            waiting_until = null, in_response = :waited
                        where channel_account_id = :channel and contact_id = :contact and request_id = :request
                            and state = 'running'""")
                        .param("channel", key.channel().value())
                        .param("contact", key.contact().value())
                        .param("request", key.requestId())
                        .param("response", responseJson)
                        .param("replies", replies.stream().map(MessageId::value).toArray(UUID[]::new))
                        .param("waited", waited)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }

    /** The waiting request gave up (202): its replies go out as callbacks instead. */
    void stopWaiting(Key key) {
        jdbc.sql("""
                        update client_requests set waiting_until = null
                        where channel_account_id = :channel and contact_id = :contact and request_id = :request""")
                .param("channel", key.channel().value())
                .param("contact", key.contact().value())
                .param("request", key.requestId())
                .update();
    }

    /** The requests that sent these messages. */
    List<Row> findByMessages(Collection<MessageId> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from client_requests where message_id = any(:ids)")
                .param("ids", messages.stream().map(MessageId::value).toArray(UUID[]::new))
                .query(ClientRequestStore::map)
                .list();
    }

    /** Forgets request ids created before {@code cutoff}, at most {@code batch}; returns how many. */
    int deleteBefore(Instant cutoff, int batch) {
        return jdbc.sql("""
                        delete from client_requests where ctid = any(array(
                            select ctid from client_requests where created_at < :cutoff limit :batch))""")
                .param("cutoff", Timestamp.from(cutoff))
                .param("batch", batch)
                .update();
    }

    private static Row map(ResultSet rs, int row) throws SQLException {
        UUID session = rs.getObject("session_id", UUID.class);
        Timestamp waiting = rs.getTimestamp("waiting_until");
        java.sql.Array replies = rs.getArray("reply_ids");
        return new Row(
                new Key(
                        new ChannelAccountId(rs.getObject("channel_account_id", UUID.class)),
                        new ContactId(rs.getObject("contact_id", UUID.class)),
                        rs.getString("request_id")),
                rs.getString("body_hash"),
                "done".equals(rs.getString("state")),
                new ConversationId(rs.getObject("conversation_id", UUID.class)),
                new MessageId(rs.getObject("message_id", UUID.class)),
                session == null ? null : new SessionId(session),
                rs.getString("response"),
                replies == null
                        ? List.of()
                        : Arrays.stream((UUID[]) replies.getArray())
                                .map(MessageId::new)
                                .toList(),
                waiting == null ? null : waiting.toInstant(),
                rs.getBoolean("in_response"),
                rs.getTimestamp("created_at").toInstant());
    }
}
