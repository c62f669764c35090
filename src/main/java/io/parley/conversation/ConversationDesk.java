package io.parley.conversation;

import io.parley.access.StaffUserId;
import io.parley.conversation.internal.DeskRepository;
import io.parley.platform.ConversationId;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.OrganizationId;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The help desk around a conversation (the console's desk): which staff member it is assigned to, how far each staff
 * member has read it, and internal notes that are never sent. Callers scope the conversation to the organization
 * first ({@link Conversations#getInOrganization}); this class trusts the ids it is given.
 */
@Service
public class ConversationDesk {
    public static final int MAX_NOTE_LENGTH = 4000;

    private final DeskRepository repository;
    private final Clock clock;

    ConversationDesk(DeskRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Assigns the conversation to {@code staffUser} (of its organization), or to nobody when null. */
    @Transactional
    public void assign(ConversationId conversationId, StaffUserId staffUser) {
        Objects.requireNonNull(conversationId, "conversationId");
        repository.assign(conversationId, staffUser == null ? null : staffUser.value());
    }

    /** The staff user the conversation is assigned to, if any. */
    public Optional<StaffUserId> assignee(ConversationId conversationId) {
        return repository.assignee(conversationId).map(StaffUserId::new);
    }

    /** Records that {@code staffUser} has read the conversation up to message {@code sequence} (never backwards). */
    @Transactional
    public void markRead(StaffUserId staffUser, ConversationId conversationId, long sequence) {
        Objects.requireNonNull(staffUser, "staffUser");
        repository.markRead(staffUser.value(), conversationId.value(), sequence, clock.instant());
    }

    /** How far {@code staffUser} has read the conversation: the last sequence read, or empty when never opened. */
    public Optional<Long> readUpTo(StaffUserId staffUser, ConversationId conversationId) {
        return repository.readSequence(staffUser.value(), conversationId.value());
    }

    /** Adds an internal note; {@code author} null means the operator. Blank or longer than 4,000 characters: 400. */
    @Transactional
    public DeskNote addNote(
            OrganizationId organizationId,
            ConversationId conversationId,
            StaffUserId author,
            String authorName,
            String text) {
        String stripped = text == null ? "" : text.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_NOTE_LENGTH) {
            throw new InvalidRequestException(
                    "validation_failed",
                    "A note needs 1 to " + MAX_NOTE_LENGTH + " characters",
                    Map.of("field", "text"));
        }
        DeskNote note = new DeskNote(
                UUID.randomUUID(),
                conversationId,
                author == null ? "operator" : "user",
                author == null ? null : author.value(),
                Objects.requireNonNullElse(authorName, "operator"),
                stripped,
                clock.instant());
        repository.insertNote(organizationId, note);
        return note;
    }

    /** The conversation's notes, oldest first (at most the newest 500). */
    public List<DeskNote> notes(ConversationId conversationId) {
        return repository.notes(conversationId);
    }
}
