package io.parley.retention;

import java.time.Instant;

/**
 * A module that keeps idempotency records (keys that make a repeated request a no-op) implements this port; the
 * retention sweep deletes its records older than {@code parley.retention.idempotency-records} (24 h). None exists yet
 * — inbound webhook dedupe ids have their own 7-day retention — so the port is where the next one plugs in.
 */
public interface IdempotencyRecords {
    /** Deletes records created before {@code cutoff}; returns how many. */
    int deleteCreatedBefore(Instant cutoff);
}
