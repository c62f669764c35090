package io.parley.console.usage;

import io.parley.platform.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The period a usage page or export covers: whole days (UTC) from {@code from} to {@code to}, both included; this
 * calendar month when neither is given.
 */
record UsagePeriodInput(LocalDate from, LocalDate to) {
    static UsagePeriodInput of(String from, String to, Clock clock) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate start = blank(from) ? today.withDayOfMonth(1) : date("from", from);
        LocalDate end = blank(to) ? start.withDayOfMonth(start.lengthOfMonth()) : date("to", to);
        if (end.isBefore(start)) {
            throw new InvalidRequestException("validation_failed", "The end date must not be before the start date");
        }
        if (end.isAfter(start.plusDays(365))) {
            throw new InvalidRequestException("validation_failed", "A period covers at most a year");
        }
        return new UsagePeriodInput(start, end);
    }

    Instant startInstant() {
        return from.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after the period. */
    Instant endInstant() {
        return to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    java.util.List<LocalDate> days() {
        return from.datesUntil(to.plusDays(1)).toList();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static LocalDate date(String field, String value) {
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("validation_failed", field + " must be a date like 2026-05-01");
        }
    }
}
