package io.parley.notifications.internal.send;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Staff notification meters per channel: {@code parley.notifications.enqueued}, {@code .sent}, {@code .failed} (an
 * attempt that will be retried), {@code .dead}, and the timer {@code parley.notifications.delivery_time} (from the
 * request to the provider's acceptance).
 */
@Component
class NotificationMetrics {
    private final MeterRegistry meters;

    NotificationMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void enqueued(String channel) {
        meters.counter("parley.notifications.enqueued", "channel", channel).increment();
    }

    void sent(String channel, Duration deliveryTime) {
        meters.counter("parley.notifications.sent", "channel", channel).increment();
        meters.timer("parley.notifications.delivery_time", "channel", channel).record(deliveryTime);
    }

    void failed(String channel) {
        meters.counter("parley.notifications.failed", "channel", channel).increment();
    }

    void dead(String channel) {
        meters.counter("parley.notifications.dead", "channel", channel).increment();
    }
}
