package io.parley.alerts.internal;

import io.parley.platform.RetryPolicy;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code parley.alerts.*}: retries of alert deliveries (defaults: 5 retries from 10 s doubling, ±20 %, at most
 * 10 min apart; then the delivery is dead), the HTTP timeout of Slack and webhook sinks, and the email sender.
 */
@ConfigurationProperties("parley.alerts")
record AlertProperties(
        @DefaultValue("5") int maxRetries,
        @DefaultValue("10s") Duration firstBackoff,
        @DefaultValue("2.0") double backoffFactor,
        @DefaultValue("0.2") double jitter,
        @DefaultValue("10m") Duration maxBackoff,
        @DefaultValue("10s") Duration timeout,
        @DefaultValue("parley@localhost") String from) {
    RetryPolicy retryPolicy() {
        return new RetryPolicy(maxRetries, firstBackoff, backoffFactor, jitter, maxBackoff);
    }
}
