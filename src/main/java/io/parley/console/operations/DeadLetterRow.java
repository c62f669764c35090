package io.parley.console.operations;

import io.parley.delivery.DeadLetterView;

/** A dead letter as the page shows it, with the kind of channel it was bound for. */
public record DeadLetterRow(DeadLetterView letter, String channel) {
    public String when() {
        return UtcTimes.format(letter.createdAt());
    }

    public String replayedWhen() {
        return UtcTimes.format(letter.replayedAt());
    }

    public boolean open() {
        return letter.replayedAt() == null;
    }
}
