package io.parley.conversation.internal;

import io.parley.conversation.ConversationProperties;
import io.parley.conversation.internal.ConversationRepository.StoredMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * When a conversation's waiting messages are answered (ADR 49). A lone message waits {@code first-quiet} (250 ms):
 * long enough for a second message sent 200 ms later to join it, short enough that a question on its own is not
 * held for a second. Once two or more wait, or the contact sent two messages within {@code debounce} of each other
 * in the last {@code burst-memory} (they type in bursts), the quiet time after the newest is the full
 * {@code debounce} (1 s), so people who type in bursts keep getting one reply. No message waits longer than
 * {@code max-wait} after the first of its burst, and a message whose sender holds its request open for the reply
 * waits for nothing.
 */
@Component
public class QuietWindow {
    private final Duration firstQuiet;
    private final Duration debounce;
    private final Duration burstMemory;
    private final Duration maxWait;

    QuietWindow(ConversationProperties properties) {
        this.debounce = properties.debounce();
        this.firstQuiet =
                properties.firstQuiet().compareTo(debounce) < 0 ? properties.firstQuiet() : properties.debounce();
        this.burstMemory = properties.burstMemory();
        this.maxWait = properties.maxWait();
    }

    /** Two messages of a contact this close together are a burst: the quiet time inside a burst. */
    public Duration burstGap() {
        return debounce;
    }

    /** When the turn of a message received at {@code at} is first due: the earliest any quiet window can end. */
    public Instant firstCheck(Instant at, boolean senderWaits) {
        return senderWaits ? at : at.plus(firstQuiet);
    }

    /**
     * When the turn for {@code pending} (oldest first, not empty) may run: not after now means at once.
     *
     * @param lastBurstAt when the contact last wrote within {@link #burstGap} of its previous message, or null
     */
    Instant answerAt(List<StoredMessage> pending, Instant lastBurstAt) {
        StoredMessage first = pending.getFirst();
        StoredMessage last = pending.getLast();
        if (pending.stream().anyMatch(StoredMessage::senderWaits)) {
            return first.createdAt();
        }
        Duration quiet = pending.size() > 1 || burstedLately(first.createdAt(), lastBurstAt) ? debounce : firstQuiet;
        Instant quietAt = last.createdAt().plus(quiet);
        Instant deadline = first.createdAt().plus(maxWait);
        return quietAt.isBefore(deadline) ? quietAt : deadline;
    }

    private boolean burstedLately(Instant firstWaiting, Instant lastBurstAt) {
        return lastBurstAt != null && lastBurstAt.plus(burstMemory).isAfter(firstWaiting);
    }
}
