package io.parley.console.settings;

import io.parley.access.AuditEntry;
import io.parley.console.operations.UtcTimes;
import java.util.stream.Collectors;

/** An audit entry as the settings page lists it: who, what, on which ids, with which outcome. */
public record AuditRow(AuditEntry entry) {
    public String when() {
        return UtcTimes.format(entry.createdAt());
    }

    public String actor() {
        return entry.actorId() == null ? entry.actorType() : entry.actorType() + ":" + entry.actorId();
    }

    public String ids() {
        return entry.pathVariables() == null
                ? ""
                : entry.pathVariables().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "));
    }
}
