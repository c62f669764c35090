package io.parley.retention;

import io.parley.access.StaffProperties;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.retention.*}: how long inbound webhook event ids ({@code inbound-events}, 7 days), system events
 * ({@code system-events}, 90 days) and idempotency records ({@code idempotency-records}: API callers'
 * {@code Idempotency-Key}s, 24 hours) are kept, how long staff sessions are kept after they expired or were revoked
 * ({@code staff-sessions}, 1 day) and failed logins after they happened ({@code login-failures}, 1 day; never less
 * than the login throttle's 15 minutes), how often the sweep runs ({@code interval}, hourly) and how many rows one
 * step of a sweep touches ({@code batch-size}, 500).
 */
@ConfigurationProperties("parley.retention")
public record RetentionProperties(
        @DefaultValue("7d") Duration inboundEvents,
        @DefaultValue("90d") Duration systemEvents,
        @DefaultValue("24h") Duration idempotencyRecords,
        @DefaultValue("1d") Duration staffSessions,
        @DefaultValue("1d") Duration loginFailures,
        @DefaultValue("1h") Duration interval,
        @DefaultValue("500") int batchSize) {
    public RetentionProperties {
        for (Duration d :
                new Duration[] {inboundEvents, systemEvents, idempotencyRecords, staffSessions, loginFailures, interval
                }) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("parley.retention.* durations must be positive");
            }
        }
        // Failures younger than the throttle's window are what it counts: deleting them would lift the throttle.
        if (loginFailures.compareTo(StaffProperties.DEFAULT_FAILED_LOGIN_WINDOW) < 0) {
            throw new IllegalArgumentException("parley.retention.login-failures must be ≥ 15m, the login throttle's "
                    + "window (was " + loginFailures + ")");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("parley.retention.batch-size must be ≥ 1");
        }
    }
}
