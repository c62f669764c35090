package io.parley.admin;

import io.parley.admin.internal.AdminToken;
import io.parley.platform.web.Actor;
import io.parley.tenancy.ApiKeys;
import io.parley.tenancy.StaffLogin;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Resolves a bearer token into a {@link Caller}: the admin token gives the {@link Caller.Operator}; an organization
 * API key or a staff session token gives a member of that organization with the key's or the user's role.
 */
@Service
public class OperatorAuthentication {
    private final AdminToken adminToken;
    private final ApiKeys apiKeys;
    private final StaffLogin staffLogin;

    OperatorAuthentication(AdminToken adminToken, ApiKeys apiKeys, StaffLogin staffLogin) {
        this.adminToken = adminToken;
        this.apiKeys = apiKeys;
        this.staffLogin = staffLogin;
    }

    public Optional<Caller> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        if (adminToken.matches(token)) {
            return Optional.of(new Caller.Operator());
        }
        Optional<Caller> key = apiKeys.authenticateKey(token).map(k -> new Caller.OrganizationMember(
                k.organizationId(), new Actor(Actor.Type.API_KEY, k.id().toString(), k.organizationId(), k.role())));
        if (key.isPresent()) {
            return key;
        }
        return staffLogin.authenticate(token).map(u -> new Caller.OrganizationMember(u.organizationId(),
                new Actor(Actor.Type.USER, u.id().toString(), u.organizationId(), u.role())));
    }
}
