package io.parley.conversation.internal;

import io.parley.conversation.DeskNote;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The desk's rows: {@code conversations.assigned_to}, {@code conversation_reads} and {@code conversation_notes}. */
@Repository
public class DeskRepository {
    private final JdbcClient jdbc;

    DeskRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void assign(ConversationId id, UUID staffUserId) {
        jdbc.sql("update conversations set assigned_to = :staff where id = :id")
                .param("id", id.value())
                .param("staff", staffUserId)
                .update();
    }

    public Optional<UUID> assignee(ConversationId id) {
        return jdbc.sql("select assigned_to from conversations where id = :id and assigned_to is not null")
                .param("id", id.value())
                .query(UUID.class)
                .optional();
    }

    public void markRead(UUID staffUserId, UUID conversationId, long sequence, Instant now) {
        jdbc.sql("""
                        insert into conversation_reads (staff_user_id, conversation_id, read_sequence, read_at)
                        values (:staff, :conversation, :sequence, :now)
                        on conflict (staff_user_id, conversation_id) do update
                        set read_sequence = greatest(conversation_reads.read_sequence, excluded.read_sequence),
                            read_at = excluded.read_at""")
                .param("staff", staffUserId)
                .param("conversation", conversationId)
                .param("sequence", sequence)
                .param("now", Timestamp.from(now))
                .update();
    }

    public Optional<Long> readSequence(UUID staffUserId, UUID conversationId) {
        return jdbc.sql("""
                        select read_sequence from conversation_reads
                        where staff_user_id = :staff and conversation_id = :conversation""")
                .param("staff", staffUserId)
                .param("conversation", conversationId)
                .query(Long.class)
                .optional();
    }

    public void insertNote(OrganizationId organizationId, DeskNote note) {
        jdbc.sql("""
                        insert into conversation_notes
                            (id, organization_id, conversation_id, author_type, author_id, author_name, text, created_at)
                        values (:id, :org, :conversation, :type, :author, :name, :text, :at)""")
                .param("id", note.id())
                .param("org", organizationId.value())
                .param("conversation", note.conversationId().value())
                .param("type", note.authorType())
                .param("author", note.authorId())
                .param("name", note.authorName())
                .param("text", note.text())
                .param("at", Timestamp.from(note.createdAt()))
                .update();
    }

    public List<DeskNote> notes(ConversationId id) {
        return jdbc.sql("""
                        select * from (
                            select * from conversation_notes where conversation_id = :id
                            order by created_at desc, id limit 500) newest
                        order by created_at, id""")
                .param("id", id.value())
                .query((rs, row) -> new DeskNote(
                        rs.getObject("id", UUID.class),
                        id,
                        rs.getString("author_type"),
                        rs.getObject("author_id", UUID.class),
                        rs.getString("author_name"),
                        rs.getString("text"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }
}
