package io.parley.delivery.internal;

import io.parley.delivery.Lane;
import io.parley.platform.Jobs;
import io.parley.platform.OutboundMessageId;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Puts a dead letter's message back on the bus, in the caller's transaction. */
@Component
public class Requeue {
    private final DeadLetterRepository deadLetters;
    private final OutboundRepository outbound;
    private final Jobs jobs;
    private final Clock clock;

    Requeue(DeadLetterRepository deadLetters, OutboundRepository outbound, Jobs jobs, Clock clock) {
        this.deadLetters = deadLetters;
        this.outbound = outbound;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** What a replay did. */
    public enum Outcome {
        /** Re-queued with a new delivery job. */
        REPLAYED,
        /** Replayed already, or its message is no longer failed-and-never-accepted. */
        NOT_REPLAYABLE,
        /** Content retention anonymized the message: nothing to send; the dead letter stays open. */
        CONTENT_REMOVED
    }

    /**
     * Claims the open dead letter and resets its message to queued with a new delivery job. Not replayable when the
     * dead letter was replayed already, or its message is no longer failed-and-never-accepted (then nothing changes:
     * the caller's transaction should be rolled back or the claim is harmless because nothing was re-queued).
     */
    public Outcome replay(UUID deadLetterId, String by) {
        if (deadLetters.contentRemoved(deadLetterId)) {
            return Outcome.CONTENT_REMOVED;
        }
        Optional<OutboundMessageId> claimed = deadLetters.claim(deadLetterId, by);
        if (claimed.isEmpty()) {
            return Outcome.NOT_REPLAYABLE;
        }
        Optional<Lane> lane = outbound.requeue(claimed.get());
        lane.ifPresent(
                l -> jobs.scheduleIfAbsent(DeliveryJob.TASK, claimed.get().toString(), clock.instant(), l.priority()));
        return lane.isPresent() ? Outcome.REPLAYED : Outcome.NOT_REPLAYABLE;
    }
}
