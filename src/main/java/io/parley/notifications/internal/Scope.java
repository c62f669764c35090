package io.parley.notifications.internal;

import io.parley.access.Caller;
import io.parley.access.Role;
import io.parley.access.StaffUser;
import io.parley.access.StaffUserId;
import io.parley.access.StaffUsers;
import io.parley.platform.ForbiddenException;
import io.parley.platform.Ids;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.Organizations;
import org.springframework.stereotype.Component;

/** Path ids of the notification routes, resolved within the organization (another tenant's id is a 404). */
@Component
public class Scope {
    private final Organizations organizations;
    private final StaffUsers staffUsers;

    Scope(Organizations organizations, StaffUsers staffUsers) {
        this.organizations = organizations;
        this.staffUsers = staffUsers;
    }

    public OrganizationId organization(String orgId) {
        OrganizationId id = Ids.parse(orgId, "organization", OrganizationId::new);
        organizations.get(id);
        return id;
    }

    public StaffUser staffUser(OrganizationId organization, String userId) {
        return staffUsers.get(organization, Ids.parse(userId, "staff_user", StaffUserId::new));
    }

    /** A member of staff manages their own contact points; an admin (or owner, or the operator) anyone's. */
    public StaffUser manageable(OrganizationId organization, String userId) {
        StaffUser user = staffUser(organization, userId);
        Caller caller = Caller.current().orElseThrow(() -> new ForbiddenException("No caller"));
        boolean self = caller.staffUserId().filter(user.id()::equals).isPresent();
        if (!self && !caller.hasAtLeast(Role.ADMIN)) {
            throw new ForbiddenException("Only the staff user themselves or an admin manages their contact points");
        }
        return user;
    }
}
