package io.parley.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.retention.*}: how long inbound webhook event ids ({@code inbound-events}, 7 days), system events
 * ({@code system-events}, 90 days) and idempotency records ({@code idempotency-records}: API callers'
 * {@code Idempotency-Key}s, 24 hours) are kept, how often the sweep runs ({@code interval}, hourly) and how many messages one
 * step of the per-organization content sweep touches ({@code batch-size}, 500).
 */
@ConfigurationProperties("parley.retention")
public record RetentionProperties(@DefaultValue("7d") Duration inboundEvents, @DefaultValue("90d") Duration systemEvents,
                                  @DefaultValue("24h") Duration idempotencyRecords,
                                  @DefaultValue("1h") Duration interval, @DefaultValue("500") int batchSize) {
    public RetentionProperties {
        for (Duration d : new Duration[] {inboundEvents, systemEvents, idempotencyRecords, interval}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("parley.retention.* durations must be positive");
            }
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("parley.retention.batch-size must be ≥ 1");
        }
    }
}
