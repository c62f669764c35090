package io.parley.notifications.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {
    final QuietHours night = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), ZoneId.of("Europe/Berlin"));

    @Test
    void should_end_quiet_hours_the_next_morning_in_the_rules_time_zone_when_it_is_night() {
        // 23:30 in Berlin (UTC+1 in December) → quiet until 07:00 Berlin = 06:00 UTC
        assertThat(night.endOf(Instant.parse("2026-12-07T22:30:00Z"))).contains(Instant.parse("2026-12-08T06:00:00Z"));
        // 03:00 Berlin, after midnight → the same morning
        assertThat(night.endOf(Instant.parse("2026-12-08T02:00:00Z"))).contains(Instant.parse("2026-12-08T06:00:00Z"));
    }

    @Test
    void should_not_be_quiet_outside_the_span() {
        assertThat(night.endOf(Instant.parse("2026-12-08T06:00:00Z"))).isEmpty();
        assertThat(night.endOf(Instant.parse("2026-12-08T12:00:00Z"))).isEmpty();
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0), ZoneId.of("UTC"));
        assertThat(lunch.endOf(Instant.parse("2026-12-08T12:30:00Z"))).contains(Instant.parse("2026-12-08T13:00:00Z"));
        assertThat(lunch.endOf(Instant.parse("2026-12-08T13:00:00Z"))).isEmpty();
    }
}
