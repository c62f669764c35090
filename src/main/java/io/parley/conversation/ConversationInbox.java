package io.parley.conversation;

import io.parley.access.StaffUserId;
import io.parley.conversation.internal.InboxRepository;
import io.parley.platform.OrganizationId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The inbox of an organization (issue 15): its conversations across channels and chatbots, newest activity first,
 * in keyset pages, with filters and search, and what changed since a moment for live inboxes.
 */
@Service
public class ConversationInbox {
    /** A text search looks at this many of the organization's newest messages (names, phones, emails: all). */
    public static final int MESSAGE_SEARCH_WINDOW = 20_000;

    public static final int MAX_PAGE = 100;

    private final InboxRepository repository;

    ConversationInbox(InboxRepository repository) {
        this.repository = repository;
    }

    /**
     * One page of the organization's conversations that match {@code filter}.
     *
     * @param viewer the staff member whose unread counts are shown; null (the operator): none
     * @param after  where the page starts, from the previous page's {@link InboxPage#next}; null: the newest
     */
    @Transactional(readOnly = true)
    public InboxPage page(
            OrganizationId organization, StaffUserId viewer, InboxFilter filter, InboxCursor after, int size) {
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(filter, "filter");
        if (size < 1 || size > MAX_PAGE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_PAGE);
        }
        List<InboxItem> rows = new ArrayList<>(repository.page(
                organization, viewer == null ? null : viewer.value(), filter, after, size + 1, MESSAGE_SEARCH_WINDOW));
        InboxCursor next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            InboxItem last = rows.getLast();
            next = new InboxCursor(last.lastMessageAt(), last.id());
        }
        return new InboxPage(rows, next);
    }

    /** Conversations of these organizations changed after {@code since} (at most {@code limit}, oldest first). */
    public List<InboxChange> changedSince(Collection<OrganizationId> organizations, Instant since, int limit) {
        if (organizations.isEmpty()) {
            return List.of();
        }
        return repository.changedSince(organizations, since, limit);
    }

    /** The clock changes are stamped with (the database's), for the first "since" of a live inbox. */
    public Instant now() {
        return repository.databaseNow();
    }
}
