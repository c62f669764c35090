package io.parley.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Binds {@code parley.retention.*} as startup does; a bind failure stops the application. */
class RetentionPropertiesTest {
    @Test
    void should_keep_ended_staff_sessions_and_failed_logins_a_day_by_default() {
        RetentionProperties properties = bind(Map.of());

        assertThat(properties.staffSessions()).isEqualTo(Duration.ofDays(1));
        assertThat(properties.loginFailures()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void should_fail_startup_when_login_failures_are_kept_shorter_than_the_login_throttle_window() {
        assertThatThrownBy(() -> bind(Map.of("parley.retention.login-failures", "14m")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parley.retention.login-failures must be ≥ 15m");

        assertThat(bind(Map.of("parley.retention.login-failures", "15m")).loginFailures())
                .isEqualTo(Duration.ofMinutes(15));
        assertThat(bind(Map.of("parley.retention.staff-sessions", "1h")).staffSessions())
                .isEqualTo(Duration.ofHours(1));
    }

    private static RetentionProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("parley.retention", RetentionProperties.class);
    }
}
