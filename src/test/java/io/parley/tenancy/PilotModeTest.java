package io.parley.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PilotModeTest {
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "34600000001         | 34600000001",
                "+34600000001        | 34600000001",
                "+34 600 000 001     | 34600000001",
                "' (34) 600-000.001 '| 34600000001",
                "Ana@Example.COM     | ana@example.com",
                "wa-user.AbC123      | wa-user.AbC123",
                "+1234567890123456   | +1234567890123456",
                "1                   | 1"
            })
    void should_compare_phones_as_digits_and_emails_case_folded_when_normalizing(String given, String normalized) {
        assertThat(PilotMode.normalize(given)).isEqualTo(normalized);
    }

    @Test
    void should_admit_only_contacts_with_an_allowed_address_when_enabled() {
        PilotMode pilot = new PilotMode(true, List.of("34600000001", "ana@example.com"));

        assertThat(pilot.admits(List.of("+34600000001"))).isTrue();
        assertThat(pilot.admits(List.of("other-id", "ANA@example.com"))).isTrue();
        assertThat(pilot.admits(List.of("+34600000002"))).isFalse();
        assertThat(pilot.admits(List.of())).isFalse();
        assertThat(new PilotMode(true, List.of()).admits(List.of("+34600000001")))
                .isFalse();
    }

    @Test
    void should_admit_everyone_when_disabled() {
        assertThat(PilotMode.OFF.admits(List.of())).isTrue();
        assertThat(new PilotMode(false, List.of("34600000001")).admits(List.of("+34600000002")))
                .isTrue();
    }
}
