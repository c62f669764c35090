package io.parley.console.operations;

import io.parley.events.StoredEvent;
import java.time.Instant;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;

/** A system event as the events page shows it: its details as compact JSON. */
public record EventRow(
        long id,
        String level,
        String type,
        Instant occurredAt,
        String details,
        Instant acknowledgedAt,
        String acknowledgedBy) {
    static EventRow of(StoredEvent stored, JsonMapper json) {
        return new EventRow(
                stored.id(),
                stored.event().level().name().toLowerCase(Locale.ROOT),
                stored.event().type(),
                stored.event().occurredAt(),
                stored.event().payload() == null || stored.event().payload().isEmpty()
                        ? ""
                        : json.writeValueAsString(stored.event().payload()),
                stored.acknowledgedAt(),
                stored.acknowledgedBy());
    }

    public String when() {
        return UtcTimes.format(occurredAt);
    }

    public String acknowledgedWhen() {
        return UtcTimes.format(acknowledgedAt);
    }

    public boolean acknowledged() {
        return acknowledgedAt != null;
    }
}
