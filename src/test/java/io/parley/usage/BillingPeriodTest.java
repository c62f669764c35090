package io.parley.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BillingPeriodTest {
    @Test
    void should_be_the_calendar_month_in_utc_when_the_instant_is_late_on_the_last_day() {
        BillingPeriod period = BillingPeriod.containing(Instant.parse("2026-01-31T23:59:59Z"));

        assertThat(period.start()).isEqualTo(LocalDate.parse("2026-01-01"));
        assertThat(period.startInstant()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(period.endInstant()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
        assertThat(BillingPeriod.containing(Instant.parse("2026-02-01T00:00:00Z"))
                        .start())
                .isEqualTo(LocalDate.parse("2026-02-01"));
    }
}
