package io.parley.alerts.internal;

import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.platform.ConflictException;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.Jobs;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.Organizations;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An organization's alert deliveries, and the replay of a dead one: back to pending with a fresh retry budget and
 * its durable job scheduled again, in one transaction. Only a dead delivery can be replayed (409 otherwise), so a
 * double click replays once.
 */
@RestController
@RequiresRole(Role.ADMIN)
@RequestMapping("/api/v1/organizations/{orgId}/alert-deliveries")
class AlertDeliveryController {
    private static final Set<String> STATUSES = Set.of("pending", "delivered", "dead");
    private static final int LIMIT = 200;
    private final AlertDeliveryRepository deliveries;
    private final Organizations organizations;
    private final Jobs jobs;
    private final Clock clock;

    AlertDeliveryController(AlertDeliveryRepository deliveries, Organizations organizations, Jobs jobs, Clock clock) {
        this.deliveries = deliveries;
        this.organizations = organizations;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** Newest first, at most 200. */
    @GetMapping
    List<AlertDeliveryRepository.View> list(@PathVariable String orgId, @RequestParam(required = false) String status) {
        OrganizationId organization = organization(orgId);
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidRequestException("validation_failed", "status must be one of pending, delivered, dead");
        }
        return deliveries.list(organization, status, LIMIT);
    }

    @PostMapping("/{deliveryId}/replay")
    @Transactional
    ResponseEntity<AlertDeliveryRepository.View> replay(@PathVariable String orgId, @PathVariable String deliveryId) {
        OrganizationId organization = organization(orgId);
        UUID id = Ids.parse(deliveryId, "alert_delivery", Function.identity());
        String status = deliveries
                .status(organization, id)
                .orElseThrow(
                        () -> new NotFoundException("alert_delivery_not_found", "No alert delivery " + deliveryId));
        if (!deliveries.revive(organization, id)) {
            throw new ConflictException(
                    "alert_delivery_not_dead", "Only a dead delivery can be replayed; this one is " + status);
        }
        jobs.scheduleIfAbsent(AlertDeliveryJob.TASK, id.toString(), clock.instant());
        return ResponseEntity.accepted().body(deliveries.view(organization, id).orElseThrow());
    }

    private OrganizationId organization(String orgId) {
        OrganizationId id = Ids.parse(orgId, "organization", OrganizationId::new);
        organizations.get(id);
        return id;
    }
}
