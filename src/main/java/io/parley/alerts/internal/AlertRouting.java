package io.parley.alerts.internal;

import io.parley.events.SystemEventRecorded;
import io.parley.platform.Jobs;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns a recorded event into one delivery (row and job) per accepting sink. Runs synchronously inside the
 * transaction that stored the event: the deliveries exist if and only if the event was committed.
 */
@Component
class AlertRouting {
    private final AlertSinkRepository sinks;
    private final AlertDeliveryRepository deliveries;
    private final Jobs jobs;
    private final Clock clock;

    AlertRouting(AlertSinkRepository sinks, AlertDeliveryRepository deliveries, Jobs jobs, Clock clock) {
        this.sinks = sinks;
        this.deliveries = deliveries;
        this.jobs = jobs;
        this.clock = clock;
    }

    @EventListener
    void on(SystemEventRecorded recorded) {
        var event = recorded.event();
        if (event.organizationId() == null || !AlertSink.deliverable(event)) {
            return;
        }
        for (AlertSink sink : sinks.list(event.organizationId())) {
            if (sink.accepts(event)) {
                deliveries
                        .insert(event.organizationId(), sink.id(), recorded.id())
                        .ifPresent(id -> jobs.scheduleIfAbsent(AlertDeliveryJob.TASK, id.toString(), clock.instant()));
            }
        }
    }
}
