package io.parley.delivery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** {@code parley.delivery.*}: the retry policy of outbound messages (defaults: seed 004's 1 s, 2 s, 4 s). */
@ConfigurationProperties("parley.delivery")
public record DeliveryProperties(@DefaultValue("3") int maxRetries, @DefaultValue("1s") Duration firstBackoff,
                                 @DefaultValue("2.0") double backoffFactor, @DefaultValue("0.2") double jitter,
                                 @DefaultValue("5m") Duration maxBackoff) {
    public RetryPolicy retryPolicy() {
        return new RetryPolicy(maxRetries, firstBackoff, backoffFactor, jitter, maxBackoff);
    }
}
