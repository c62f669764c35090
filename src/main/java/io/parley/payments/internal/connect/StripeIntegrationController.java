package io.parley.payments.internal.connect;

import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.platform.Ids;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.Organizations;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An organization's Stripe integration. Admins connect it, as they connect channels and alert sinks (the contract's
 * caller is an admin); keys are write-only: no answer and no log line carries them.
 */
@RestController
@RequiresRole(Role.ADMIN)
@RequestMapping("/api/v1/organizations/{orgId}/integrations/stripe")
class StripeIntegrationController {
    /** The body of a connect or rotation. */
    record ConnectRequest(String secretKey, String webhookSecret) {}

    /** What connect answers: where to point Stripe's webhook endpoint. */
    record Connected(UUID id, String webhookUrl) {}

    private final StripeConnections connections;
    private final Organizations organizations;

    StripeIntegrationController(StripeConnections connections, Organizations organizations) {
        this.connections = connections;
        this.organizations = organizations;
    }

    @PutMapping
    Connected connect(@PathVariable String orgId, @RequestBody ConnectRequest request) {
        StripeConnections.View view = connections.connect(
                organization(orgId),
                request == null ? null : request.secretKey(),
                request == null ? null : request.webhookSecret());
        return new Connected(view.id(), view.webhookUrl());
    }

    @GetMapping
    StripeConnections.View get(@PathVariable String orgId) {
        return connections.get(organization(orgId));
    }

    @DeleteMapping
    ResponseEntity<Void> disconnect(@PathVariable String orgId) {
        connections.disconnect(organization(orgId));
        return ResponseEntity.noContent().build();
    }

    private OrganizationId organization(String orgId) {
        OrganizationId id = Ids.parse(orgId, "organization", OrganizationId::new);
        organizations.get(id);
        return id;
    }
}
