package io.parley.admin;

import io.parley.platform.OrganizationId;
import java.util.Objects;

/** Who presented a bearer token: the operator (every organization) or the holder of one organization's API key. */
public sealed interface Caller permits Caller.Operator, Caller.OrganizationMember {

    /** True when this caller may see data of {@code organizationId}. */
    boolean canAccess(OrganizationId organizationId);

    record Operator() implements Caller {
        @Override
        public boolean canAccess(OrganizationId organizationId) {
            return true;
        }
    }

    record OrganizationMember(OrganizationId organizationId) implements Caller {
        public OrganizationMember {
            Objects.requireNonNull(organizationId, "organizationId must not be null");
        }

        @Override
        public boolean canAccess(OrganizationId other) {
            return organizationId.equals(other);
        }
    }
}
