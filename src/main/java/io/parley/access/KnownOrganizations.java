package io.parley.access;

import io.parley.platform.OrganizationId;

/** Port: the tenancy module says whether an organization exists, before access lists or changes its keys and users. */
public interface KnownOrganizations {

    /** Returns when the organization exists; otherwise throws its {@code organization_not_found} 404. */
    void require(OrganizationId organizationId);
}
