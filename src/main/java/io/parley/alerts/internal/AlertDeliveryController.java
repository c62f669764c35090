package io.parley.alerts.internal;

import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.alerts.AlertDeliveries;
import io.parley.platform.Ids;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.Organizations;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * An organization's alert deliveries, and the replay of a dead one (see {@link AlertDeliveryService}). Only a dead
 * delivery can be replayed (409 otherwise), so a double click replays once.
 */
@RestController
@RequiresRole(Role.ADMIN)
@RequestMapping("/api/v1/organizations/{orgId}/alert-deliveries")
class AlertDeliveryController {
    private final AlertDeliveryService deliveries;
    private final Organizations organizations;

    AlertDeliveryController(AlertDeliveryService deliveries, Organizations organizations) {
        this.deliveries = deliveries;
        this.organizations = organizations;
    }

    /** Newest first, at most 200. */
    @GetMapping
    List<AlertDeliveries.Delivery> list(@PathVariable String orgId, @RequestParam(required = false) String status) {
        return deliveries.list(organization(orgId), status, AlertDeliveries.MAX_LIST);
    }

    @PostMapping("/{deliveryId}/replay")
    ResponseEntity<AlertDeliveries.Delivery> replay(@PathVariable String orgId, @PathVariable String deliveryId) {
        OrganizationId organization = organization(orgId);
        UUID id = Ids.parse(deliveryId, "alert_delivery", Function.identity());
        return ResponseEntity.accepted().body(deliveries.replay(organization, id));
    }

    private OrganizationId organization(String orgId) {
        OrganizationId id = Ids.parse(orgId, "organization", OrganizationId::new);
        organizations.get(id);
        return id;
    }
}
