package io.parley.events;

import io.parley.events.internal.SystemEventRepository;
import io.parley.platform.ConversationId;
import io.parley.platform.LogContext;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class SystemEvents {
    private static final Logger log = LoggerFactory.getLogger(SystemEvents.class);
    private final SystemEventRepository repository;
    private final ApplicationEventPublisher publisher;

    SystemEvents(SystemEventRepository repository, ApplicationEventPublisher publisher) {
        this.repository = repository;
        this.publisher = publisher;
    }

    /**
     * Stores the event, in the caller's transaction when there is one (it then commits or rolls back with it), and
     * publishes {@link SystemEventRecorded} in that same transaction.
     */
    @Transactional
    public void record(SystemEvent event) {
        long id = repository.insert(event, LogContext.currentTraceId());
        switch (event.level()) {
            case INFO -> log.info("System event {} {}", event.type(), event.payload());
            case WARN -> log.warn("System event {} {}", event.type(), event.payload());
            default -> log.error("System event {} {}", event.type(), event.payload());
        }
        publisher.publishEvent(new SystemEventRecorded(id, event));
    }

    /**
     * Like {@link #record}, unless an event of the same type and organization with the same payload was recorded
     * within {@code window}: for facts that recur with every message (an identity conflict) and need saying once.
     */
    @Transactional
    public boolean recordUnlessRecent(SystemEvent event, java.time.Duration window) {
        if (repository.recent(event, window)) {
            return false;
        }
        record(event);
        return true;
    }

    public List<SystemEvent> recent(OrganizationId organizationId, int limit) {
        return repository.recent(organizationId, clamp(limit));
    }

    public List<SystemEvent> recentOfType(String type, int limit) {
        return repository.recentOfType(type, clamp(limit));
    }

    /**
     * An organization's events, newest first. {@code type}: {@code null} for all, a name ending in {@code .} or
     * {@code .*} for a namespace, otherwise that type and its sub-types. {@code level}: exactly that level.
     */
    public List<StoredEvent> list(OrganizationId organizationId, String type, SystemEvent.Level level, int limit) {
        Objects.requireNonNull(organizationId, "organizationId");
        return repository.list(
                organizationId, type == null || type.isBlank() ? null : type.strip(), level, clamp(limit));
    }

    /**
     * The events about one conversation of the organization, newest first (index {@code system_events_conversation_idx});
     * another organization's conversation has none.
     */
    public List<StoredEvent> ofConversation(OrganizationId organizationId, ConversationId conversationId, int limit) {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(conversationId, "conversationId");
        return repository.ofConversation(organizationId, conversationId, clamp(limit));
    }

    /**
     * A page of {@link #list}, older than the event {@code beforeId} (the last one of the previous page; null for the
     * newest): keyset paging on {@code (organization_id, id)}, so any depth costs one index range scan.
     */
    public List<StoredEvent> listBefore(
            OrganizationId organizationId, String type, SystemEvent.Level level, Long beforeId, int limit) {
        Objects.requireNonNull(organizationId, "organizationId");
        return repository.list(
                organizationId, type == null || type.isBlank() ? null : type.strip(), level, beforeId, clamp(limit));
    }

    public Optional<StoredEvent> find(long id) {
        return repository.find(id);
    }

    /** Marks the organization's event acknowledged (the first acknowledgement is kept). Another tenant's id: 404. */
    @Transactional
    public StoredEvent acknowledge(OrganizationId organizationId, long id, String by) {
        Objects.requireNonNull(organizationId, "organizationId");
        repository.acknowledge(organizationId, id, Objects.requireNonNull(by, "by"));
        return repository
                .find(id)
                .filter(e -> organizationId.equals(e.event().organizationId()))
                .orElseThrow(() -> new NotFoundException(
                        "event_not_found", "No event with id '" + id + "'", Map.of("eventId", id)));
    }

    /** Retention: deletes events that occurred before {@code cutoff}; returns how many. */
    @Transactional
    public int deleteOccurredBefore(Instant cutoff) {
        return repository.deleteOccurredBefore(Objects.requireNonNull(cutoff, "cutoff"));
    }

    private static int clamp(int limit) {
        return Math.max(1, Math.min(limit, 500));
    }
}
