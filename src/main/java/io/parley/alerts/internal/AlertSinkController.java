package io.parley.alerts.internal;

import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.alerts.AlertSinks;
import io.parley.platform.Ids;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.Organizations;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Alert sinks of an organization. Slack URLs and webhook secrets are write-only: answers say only that they are set. */
@RestController
@RequiresRole(Role.ADMIN)
@RequestMapping("/api/v1/organizations/{orgId}/alert-sinks")
class AlertSinkController {
    private final AlertSinkService sinks;
    private final Organizations organizations;

    AlertSinkController(AlertSinkService sinks, Organizations organizations) {
        this.sinks = sinks;
        this.organizations = organizations;
    }

    /** {@code urlSet} only for Slack, {@code secretSet} only for webhooks (null otherwise), as the API always said. */
    record SinkView(
            UUID id,
            String type,
            String url,
            Boolean urlSet,
            String to,
            Boolean secretSet,
            String minLevel,
            List<String> types,
            Instant createdAt) {
        static SinkView of(AlertSinks.Sink s) {
            return new SinkView(
                    s.id(),
                    s.type(),
                    s.url(),
                    s.type().equals("slack") ? s.urlSet() : null,
                    s.to(),
                    s.type().equals("webhook") ? s.secretSet() : null,
                    s.minLevel(),
                    s.types(),
                    s.createdAt());
        }
    }

    @PostMapping
    ResponseEntity<SinkView> create(@PathVariable String orgId, @RequestBody AlertSinks.NewSink request) {
        OrganizationId organization = organization(orgId);
        AlertSinks.Sink created = sinks.create(organization, request);
        return ResponseEntity.created(
                        URI.create("/api/v1/organizations/" + organization + "/alert-sinks/" + created.id()))
                .body(SinkView.of(created));
    }

    @GetMapping
    List<SinkView> list(@PathVariable String orgId) {
        return sinks.list(organization(orgId)).stream().map(SinkView::of).toList();
    }

    @DeleteMapping("/{sinkId}")
    ResponseEntity<Void> delete(@PathVariable String orgId, @PathVariable String sinkId) {
        OrganizationId organization = organization(orgId);
        sinks.delete(organization, Ids.parse(sinkId, "alert_sink", Function.identity()));
        return ResponseEntity.noContent().build();
    }

    private OrganizationId organization(String orgId) {
        OrganizationId id = Ids.parse(orgId, "organization", OrganizationId::new);
        organizations.get(id);
        return id;
    }
}
