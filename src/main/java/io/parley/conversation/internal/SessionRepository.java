package io.parley.conversation.internal;

import io.parley.conversation.internal.ConversationRepository.StoredMessage;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.MessageId;
import io.parley.platform.OrganizationId;
import io.parley.platform.SessionId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code sessions} table, the placement of messages in sessions and the session of each turn (ADR 32). */
@Repository
public class SessionRepository {
    private final JdbcClient jdbc;

    SessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whose conversation it is, for a new session's row. */
    record ConversationKeys(OrganizationId organizationId, ChatbotId chatbotId, ContactId contactId) {}

    /** @param endReason {@code timeout} or {@code new_session}; null while the session is open */
    public record SessionRow(
            SessionId id, Instant startedAt, Instant lastMessageAt, Instant endedAt, String endReason) {
        boolean open() {
            return endedAt == null;
        }
    }

    /**
     * Locks the conversation's row for the rest of the transaction, so placements in one conversation happen one
     * at a time (the receive path already holds this lock from its upsert). {@code for no key update}, the lock an
     * update of the row takes: {@code for update} would also wait for transactions that merely inserted a row
     * referencing the conversation (a message, a turn: key-share locks), and a turn and an agent's message that each
     * did so then deadlocked.
     */
    /**
     * Locks the conversation's row as {@link #lockConversation} does, and in the same statement moves its last
     * activity to {@code at} (an update takes the same row lock); false when there is no such conversation.
     */
    boolean touchAndLockConversation(ConversationId id, Instant at) {
        return jdbc.sql("update conversations set last_message_at = greatest(last_message_at, :at) where id = :id")
                        .param("id", id.value())
                        .param("at", Timestamp.from(at))
                        .update()
                == 1;
    }

    Optional<ConversationKeys> lockConversation(ConversationId id) {
        return jdbc.sql("""
                        select organization_id, chatbot_id, contact_id from conversations where id = :id
                        for no key update""")
                .param("id", id.value())
                .query((rs, row) -> new ConversationKeys(
                        new OrganizationId(rs.getObject(1, UUID.class)),
                        new ChatbotId(rs.getObject(2, UUID.class)),
                        new ContactId(rs.getObject(3, UUID.class))))
                .optional();
    }

    /** The conversation's newest session (an open one wins a tie). */
    Optional<SessionRow> latest(ConversationId id) {
        return jdbc.sql("""
                        select * from sessions where conversation_id = :id
                        order by started_at desc, (ended_at is null) desc limit 1""")
                .param("id", id.value())
                .query(SessionRepository::map)
                .optional();
    }

    void insert(SessionId id, ConversationId conversation, ConversationKeys keys, Instant at) {
        jdbc.sql("""
                        insert into sessions (id, organization_id, conversation_id, contact_id, chatbot_id, started_at,
                            last_message_at)
                        values (:id, :org, :conversation, :contact, :bot, :at, :at)""")
                .param("id", id.value())
                .param("org", keys.organizationId().value())
                .param("conversation", conversation.value())
                .param("contact", keys.contactId().value())
                .param("bot", keys.chatbotId().value())
                .param("at", Timestamp.from(at))
                .update();
    }

    /** Moves the session's last message time; false when the session is gone (retention removed it). */
    boolean touch(SessionId id, Instant at) {
        return jdbc.sql("update sessions set last_message_at = greatest(last_message_at, :at) where id = :id")
                        .param("id", id.value())
                        .param("at", Timestamp.from(at))
                        .update()
                == 1;
    }

    void end(SessionId id, Instant endedAt, String reason) {
        jdbc.sql("update sessions set ended_at = :at, end_reason = :reason where id = :id and ended_at is null")
                .param("id", id.value())
                .param("at", Timestamp.from(endedAt))
                .param("reason", reason)
                .update();
    }

    /**
     * Places the conversation's unplaced messages in {@code session}: the ones this transaction wrote, and any a
     * path unaware of sessions wrote before. Rows another transaction holds are left to it (no lock waits, so no
     * deadlock with a turn that claimed them).
     */
    void adopt(ConversationId conversation, SessionId session) {
        jdbc.sql("""
                        update messages set session_id = :session
                        where id in (select id from messages
                                     where conversation_id = :conversation and session_id is null
                                     for update skip locked)""")
                .param("session", session.value())
                .param("conversation", conversation.value())
                .update();
    }

    void linkTurn(UUID turnId, SessionId session, String promptJson) {
        jdbc.sql("update turns set session_id = :session, prompt_tokens = cast(:prompt as jsonb) where id = :id")
                .param("id", turnId)
                .param("session", session == null ? null : session.value())
                .param("prompt", promptJson)
                .update();
    }

    /**
     * The newest {@code limit} messages of the session, oldest first, with {@code alsoIncluded} (messages a turn
     * answers that an earlier session holds) and any not yet placed.
     */
    List<StoredMessage> recentInSession(
            ConversationId conversation, SessionId session, Collection<MessageId> alsoIncluded, int limit) {
        return jdbc.sql("""
                        select * from (select * from messages
                                       where conversation_id = :conversation
                                         and (session_id = :session or session_id is null or id = any(:included))
                                       order by seq desc limit :limit) m
                        order by seq""")
                .param("conversation", conversation.value())
                .param("session", session.value())
                .param("included", alsoIncluded.stream().map(MessageId::value).toArray(UUID[]::new))
                .param("limit", limit)
                .query(ConversationRepository::mapMessage)
                .list();
    }

    /** The newest {@code limit} sessions of the conversation, oldest first. */
    public List<SessionRow> list(ConversationId conversation, int limit) {
        return jdbc.sql("""
                        select * from (select * from sessions where conversation_id = :id
                                       order by started_at desc, (ended_at is null) desc limit :limit) s
                        order by started_at, (ended_at is null)""")
                .param("id", conversation.value())
                .param("limit", limit)
                .query(SessionRepository::map)
                .list();
    }

    public Map<SessionId, Long> messageCounts(ConversationId conversation) {
        return jdbc
                .sql("""
                        select session_id, count(*) from messages where conversation_id = :id and session_id is not null
                        group by session_id""")
                .param("id", conversation.value())
                .query((rs, row) -> Map.entry(new SessionId(rs.getObject(1, UUID.class)), rs.getLong(2)))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * Retention: removes up to {@code batch} of the organization's sessions that ended before {@code cutoff} and
     * have no messages left (their messages were deleted); returns how many.
     */
    public int deleteEmptyBefore(OrganizationId organizationId, Instant cutoff, int batch) {
        return jdbc.sql("""
                        delete from sessions where id in (
                            select s.id from sessions s
                            where s.organization_id = :org and s.last_message_at < :cutoff
                              and not exists (select 1 from messages m
                                              where m.conversation_id = s.conversation_id and m.session_id = s.id)
                            limit :batch for update skip locked)""")
                .param("org", organizationId.value())
                .param("cutoff", Timestamp.from(cutoff))
                .param("batch", batch)
                .update();
    }

    private static SessionRow map(ResultSet rs, int row) throws SQLException {
        Timestamp ended = rs.getTimestamp("ended_at");
        return new SessionRow(
                new SessionId(rs.getObject("id", UUID.class)),
                rs.getTimestamp("started_at").toInstant(),
                rs.getTimestamp("last_message_at").toInstant(),
                ended == null ? null : ended.toInstant(),
                rs.getString("end_reason"));
    }
}
