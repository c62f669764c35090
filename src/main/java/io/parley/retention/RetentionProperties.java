package io.parley.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.retention.*}: how long inbound webhook event ids ({@code inbound-events}, 7 days) and system events
 * ({@code system-events}, 90 days) are kept, and how often the sweep runs ({@code interval}, hourly).
 */
@ConfigurationProperties("parley.retention")
public record RetentionProperties(@DefaultValue("7d") Duration inboundEvents, @DefaultValue("90d") Duration systemEvents,
                                  @DefaultValue("1h") Duration interval) {
    public RetentionProperties {
        for (Duration d : new Duration[] {inboundEvents, systemEvents, interval}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("parley.retention.* durations must be positive");
            }
        }
    }
}
