package io.parley.tenancy.internal;

import io.parley.access.Caller;
import io.parley.access.OperatorOnly;
import io.parley.platform.ForbiddenException;
import io.parley.platform.Ids;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.NotificationSettings;
import io.parley.tenancy.Organization;
import io.parley.tenancy.Organizations;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/organizations")
class OrganizationController {
    private final Organizations organizations;

    OrganizationController(Organizations organizations) {
        this.organizations = organizations;
    }

    record CreateOrganization(String name) {}

    record NotificationsView(String method, String email, boolean slackWebhookUrlSet) {
        static NotificationsView of(NotificationSettings n) {
            return new NotificationsView(n.method(), n.email(), n.slackWebhookUrl() != null);
        }
    }

    record OrganizationView(UUID id, String name, Instant createdAt, NotificationsView notifications, boolean active) {
        static OrganizationView of(Organization o, NotificationSettings n) {
            return new OrganizationView(
                    o.id().value(), o.name(), o.createdAt(), n == null ? null : NotificationsView.of(n), o.active());
        }
    }

    /** {@code slackWebhookUrl}: absent keeps it, "" removes it. */
    record NotificationsPatch(String method, String email, String slackWebhookUrl) {}

    /** {@code active}: the operator pauses ({@code false}) or resumes the whole organization. */
    record OrganizationPatch(String name, NotificationsPatch notifications, Boolean active) {}

    @OperatorOnly
    @PostMapping
    ResponseEntity<OrganizationView> create(@RequestBody CreateOrganization request) {
        Organization created = organizations.create(request == null ? null : request.name());
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + created.id()))
                .body(OrganizationView.of(created, organizations.notifications(created.id())));
    }

    @OperatorOnly
    @GetMapping
    List<OrganizationView> list() {
        return organizations.list().stream()
                .map(o -> OrganizationView.of(o, null))
                .toList();
    }

    @GetMapping("/{orgId}")
    OrganizationView get(@PathVariable String orgId) {
        OrganizationId id = id(orgId);
        return OrganizationView.of(organizations.get(id), organizations.notifications(id));
    }

    @PatchMapping("/{orgId}")
    OrganizationView update(@PathVariable String orgId, @RequestBody OrganizationPatch patch) {
        OrganizationId id = id(orgId);
        organizations.get(id);
        if (patch != null && patch.active() != null) {
            requireOperator();
        }
        if (patch != null && patch.name() != null) {
            organizations.rename(id, patch.name());
        }
        if (patch != null && patch.notifications() != null) {
            NotificationsPatch n = patch.notifications();
            organizations.updateNotifications(id, n.method(), n.email(), n.slackWebhookUrl());
        }
        if (patch != null && patch.active() != null) {
            organizations.setActive(id, patch.active());
        }
        return get(orgId);
    }

    /**
     * Pausing an organization is the installation's switch (abuse, an unpaid bill): a member who could resume it
     * would make it meaningless. A member pauses chatbots one by one instead.
     */
    private static void requireOperator() {
        if (!Caller.current().map(Caller::operator).orElse(false)) {
            throw new ForbiddenException(
                    "Only the operator may pause or resume an organization",
                    Map.of("requiredRole", "operator", "field", "active"));
        }
    }

    private static OrganizationId id(String value) {
        return Ids.parse(value, "organization", OrganizationId::new);
    }
}
