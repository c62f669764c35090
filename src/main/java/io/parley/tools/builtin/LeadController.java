package io.parley.tools.builtin;

import io.parley.platform.Ids;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.Organizations;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The leads the bots of one organization captured. */
@RestController
class LeadController {
    private final LeadRepository leads;
    private final Organizations organizations;

    LeadController(LeadRepository leads, Organizations organizations) {
        this.leads = leads;
        this.organizations = organizations;
    }

    record LeadView(
            UUID id,
            String phone,
            String name,
            String email,
            String company,
            Integer estimatedMessages,
            String notes,
            int contactCount,
            Instant createdAt,
            Instant updatedAt) {
        static LeadView of(Lead lead) {
            return new LeadView(
                    lead.id(),
                    lead.phone(),
                    lead.name(),
                    lead.email(),
                    lead.company(),
                    lead.estimatedMessages(),
                    lead.notes(),
                    lead.contactCount(),
                    lead.createdAt(),
                    lead.updatedAt());
        }
    }

    /** Newest first. */
    @GetMapping("/api/v1/organizations/{orgId}/leads")
    List<LeadView> list(@PathVariable String orgId) {
        OrganizationId id = Ids.parse(orgId, "organization", OrganizationId::new);
        organizations.get(id);
        return leads.list(id).stream().map(LeadView::of).toList();
    }
}
