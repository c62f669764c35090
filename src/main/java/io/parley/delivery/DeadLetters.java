package io.parley.delivery;

import io.parley.delivery.internal.DeadLetterRepository;
import io.parley.delivery.internal.Requeue;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.ConflictException;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Messages that failed for good, and their replay. A replay marks the dead letter replayed and re-queues the message
 * in one transaction, so replaying twice (or two operators at once) delivers once.
 */
@Service
public class DeadLetters {
    public static final int MAX_BULK = 1000;

    private final DeadLetterRepository repository;
    private final Requeue requeue;
    private final SystemEvents events;

    DeadLetters(DeadLetterRepository repository, Requeue requeue, SystemEvents events) {
        this.repository = repository;
        this.requeue = requeue;
        this.events = events;
    }

    public List<DeadLetterView> list(OrganizationId organization, DeadLetterFilter filter, int limit) {
        return repository.list(organization, filter, Math.max(1, Math.min(limit, 500)));
    }

    /** The dead letter, when it belongs to the organization (null: any organization, for unscoped routes). */
    public DeadLetterView get(OrganizationId organization, UUID id) {
        return repository
                .find(id)
                .filter(d -> organization == null || d.organizationId().equals(organization.value()))
                .orElseThrow(
                        () -> new NotFoundException("dead_letter_not_found", "No dead letter with id '" + id + "'"));
    }

    /** Re-queues the message once; a dead letter replayed already is a conflict. */
    @Transactional
    public DeadLetterView replay(OrganizationId organization, UUID id, String by) {
        DeadLetterView letter = get(organization, id);
        switch (requeue.replay(letter.id(), by)) {
            case REPLAYED -> {}
            case CONTENT_REMOVED ->
                throw new ConflictException(
                        OutboundRetention.CONTENT_REMOVED,
                        "Dead letter '" + id + "' cannot be replayed: content retention removed its message's content");
            case NOT_REPLAYABLE ->
                throw new ConflictException("dead_letter_replayed", "Dead letter '" + id + "' was replayed already");
        }
        events.record(SystemEvent.of(SystemEvent.Level.INFO, "delivery.dead_letter_replayed")
                .organization(new OrganizationId(letter.organizationId()))
                .with("deadLetterId", id.toString())
                .with("outboundMessageId", letter.outboundMessageId().toString())
                .with("by", by)
                .build());
        return get(organization, id);
    }

    /**
     * @param replayed re-queued dead letters
     * @param skipped  matching open dead letters whose content retention removed (never sent, left open)
     */
    public record BulkReplay(int replayed, int skipped) {}

    /** Replays every open dead letter matching the filter (at most {@link #MAX_BULK}). */
    @Transactional
    public BulkReplay replayMatching(OrganizationId organization, DeadLetterFilter filter, String by) {
        DeadLetterFilter open = new DeadLetterFilter(
                "open",
                filter.conversationId(),
                filter.channelId(),
                filter.lane(),
                filter.reason(),
                filter.transientOnly(),
                filter.since(),
                filter.until());
        int replayed = 0;
        int skipped = 0;
        for (DeadLetterView letter : repository.list(organization, open, MAX_BULK)) {
            switch (requeue.replay(letter.id(), by)) {
                case REPLAYED -> replayed++;
                case CONTENT_REMOVED -> skipped++;
                case NOT_REPLAYABLE -> {}
            }
        }
        if (replayed > 0) {
            events.record(SystemEvent.of(SystemEvent.Level.INFO, "delivery.dead_letters_replayed")
                    .organization(organization)
                    .with("count", replayed)
                    .with("by", by)
                    .build());
        }
        return new BulkReplay(replayed, skipped);
    }
}
