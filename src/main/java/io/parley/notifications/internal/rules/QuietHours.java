package io.parley.notifications.internal.rules;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A daily span in a time zone when a rule's notifications wait (ADR 64): {@code from} inclusive to {@code until}
 * exclusive, across midnight when {@code from} is later than {@code until} (22:00–07:00).
 */
public record QuietHours(LocalTime from, LocalTime until, ZoneId zone) {
    /** The end of the quiet span {@code now} falls in, or empty when {@code now} is not quiet. */
    public Optional<Instant> endOf(Instant now) {
        if (from.equals(until)) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(zone);
        LocalTime time = local.toLocalTime();
        boolean overnight = from.isAfter(until);
        boolean quiet =
                overnight ? !time.isBefore(from) || time.isBefore(until) : !time.isBefore(from) && time.isBefore(until);
        if (!quiet) {
            return Optional.empty();
        }
        ZonedDateTime end = local.with(until);
        if (!end.isAfter(local)) {
            end = local.plusDays(1).with(until);
        }
        return Optional.of(end.toInstant());
    }
}
