package io.parley.channels.client;

import io.parley.conversation.ReplyDeltas;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands a turn's deltas from the node's listener thread to the request thread, which writes them as {@code delta}
 * events while it waits for the stored reply (the listener never blocks on a slow client).
 */
final class DeltaRelay {
    /** A reply is far shorter; this only bounds what a client that reads nothing can pile up. */
    private static final int CAPACITY = 10_000;

    private final LinkedBlockingQueue<ReplyDeltas.Delta> queue = new LinkedBlockingQueue<>(CAPACITY);
    private final EventStream events;
    private boolean sawText;
    private boolean ended;

    DeltaRelay(EventStream events) {
        this.events = events;
    }

    void offer(ReplyDeltas.Delta delta) {
        queue.offer(delta); // full: dropped, deltas are best-effort
    }

    /** Waits {@code millis} between two reads of the reply, writing deltas as they come. */
    void forwardFor(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            ReplyDeltas.Delta delta = queue.poll(left, TimeUnit.NANOSECONDS);
            if (delta != null) {
                write(delta);
            }
        }
    }

    /** The reply is stored: writes the deltas still on their way, up to the turn's end marker or {@code tail}. */
    void finish(Duration tail) {
        long deadline = System.nanoTime() + tail.toNanos();
        try {
            while (true) {
                ReplyDeltas.Delta delta = sawText && !ended
                        ? queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                        : queue.poll();
                if (delta == null) {
                    return;
                }
                write(delta);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the replies still go out; only previews are skipped
        }
    }

    private void write(ReplyDeltas.Delta delta) {
        switch (delta) {
            case ReplyDeltas.Text text -> {
                sawText = true;
                events.send("delta", null, Map.of("text", text.text()));
            }
            case ReplyDeltas.End end -> ended = true;
        }
    }
}
