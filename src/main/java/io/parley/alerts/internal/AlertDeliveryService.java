package io.parley.alerts.internal;

import io.parley.alerts.AlertDeliveries;
import io.parley.platform.ConflictException;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.Jobs;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Lists alert deliveries and replays a dead one: back to pending with a fresh retry budget and its durable job
 * scheduled again, in one transaction. Behind both the REST API and the {@link AlertDeliveries} facade.
 */
@Service
public class AlertDeliveryService {
    private static final Set<String> STATUSES = Set.of("pending", "delivered", "dead");
    private final AlertDeliveryRepository deliveries;
    private final Jobs jobs;
    private final Clock clock;

    AlertDeliveryService(AlertDeliveryRepository deliveries, Jobs jobs, Clock clock) {
        this.deliveries = deliveries;
        this.jobs = jobs;
        this.clock = clock;
    }

    public List<AlertDeliveries.Delivery> list(OrganizationId organization, String status, int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidRequestException("validation_failed", "status must be one of pending, delivered, dead");
        }
        return deliveries.list(organization, status, Math.max(1, Math.min(limit, AlertDeliveries.MAX_LIST))).stream()
                .map(AlertDeliveryService::delivery)
                .toList();
    }

    @Transactional
    public AlertDeliveries.Delivery replay(OrganizationId organization, UUID id) {
        String status = deliveries
                .status(organization, id)
                .orElseThrow(() -> new NotFoundException("alert_delivery_not_found", "No alert delivery " + id));
        if (!deliveries.revive(organization, id)) {
            throw new ConflictException(
                    "alert_delivery_not_dead", "Only a dead delivery can be replayed; this one is " + status);
        }
        jobs.scheduleIfAbsent(AlertDeliveryJob.TASK, id.toString(), clock.instant());
        return delivery(deliveries.view(organization, id).orElseThrow());
    }

    private static AlertDeliveries.Delivery delivery(AlertDeliveryRepository.View v) {
        return new AlertDeliveries.Delivery(
                v.id(),
                v.sinkId(),
                v.eventId(),
                v.eventType(),
                v.status(),
                v.attempts(),
                v.lastError(),
                v.createdAt(),
                v.finishedAt());
    }
}
