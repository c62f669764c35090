package io.parley.alerts.internal;

import io.parley.events.StoredEvent;
import java.util.UUID;

/** One adapter per sink type. */
interface AlertTransport {
    AlertSink.Type type();

    SinkOutcome send(AlertSink sink, UUID deliveryId, StoredEvent event);
}
