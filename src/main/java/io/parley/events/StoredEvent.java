package io.parley.events;

import java.time.Instant;

/** A system event as stored: its id and whether someone acknowledged it. */
public record StoredEvent(long id, SystemEvent event, Instant acknowledgedAt, String acknowledgedBy) {}
