package io.parley.usage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The billing period is the calendar month in UTC: a new month starts new aggregates, no reset job needed. */
record BillingPeriod(LocalDate start) {
    static BillingPeriod containing(Instant instant) {
        return new BillingPeriod(LocalDate.ofInstant(instant, ZoneOffset.UTC).withDayOfMonth(1));
    }

    static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    Instant startInstant() {
        return start.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    Instant endInstant() {
        return start.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
