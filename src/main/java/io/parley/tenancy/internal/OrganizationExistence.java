package io.parley.tenancy.internal;

import io.parley.access.KnownOrganizations;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.Organizations;
import org.springframework.stereotype.Component;

/** Tells the access module whether an organization exists ({@code organization_not_found} otherwise). */
@Component
class OrganizationExistence implements KnownOrganizations {
    private final Organizations organizations;

    OrganizationExistence(Organizations organizations) {
        this.organizations = organizations;
    }

    @Override
    public void require(OrganizationId organizationId) {
        organizations.get(organizationId);
    }
}
