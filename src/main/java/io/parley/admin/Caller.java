package io.parley.admin;

import io.parley.platform.OrganizationId;
import io.parley.platform.web.Actor;
import io.parley.platform.web.Role;
import java.util.Objects;

/**
 * Who presented a bearer token: the operator (every organization) or a member of one organization (its API key or
 * a signed-in staff user) with a role. {@link #actor()} is the same caller as the platform's {@link Actor}.
 */
public sealed interface Caller permits Caller.Operator, Caller.OrganizationMember {

    /** True when this caller may see data of {@code organizationId}. */
    boolean canAccess(OrganizationId organizationId);

    Actor actor();

    record Operator() implements Caller {
        @Override
        public boolean canAccess(OrganizationId organizationId) {
            return true;
        }

        @Override
        public Actor actor() {
            return Actor.OPERATOR;
        }
    }

    record OrganizationMember(OrganizationId organizationId, Actor actor) implements Caller {
        public OrganizationMember {
            Objects.requireNonNull(organizationId, "organizationId must not be null");
            Objects.requireNonNull(actor, "actor must not be null");
            if (!organizationId.equals(actor.organizationId())) {
                throw new IllegalArgumentException("actor must belong to organizationId");
            }
        }

        @Override
        public boolean canAccess(OrganizationId other) {
            return organizationId.equals(other);
        }

        public Role role() {
            return actor.role();
        }
    }
}
