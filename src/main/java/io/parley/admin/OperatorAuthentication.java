package io.parley.admin;

import io.parley.admin.internal.AdminToken;
import io.parley.tenancy.ApiKeys;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Resolves a bearer token for endpoints that accept more than the operator token (the MCP server): the admin
 * token gives the {@link Caller.Operator}, an organization API key gives that organization only.
 */
@Service
public class OperatorAuthentication {
    private final AdminToken adminToken;
    private final ApiKeys apiKeys;

    OperatorAuthentication(AdminToken adminToken, ApiKeys apiKeys) {
        this.adminToken = adminToken;
        this.apiKeys = apiKeys;
    }

    public Optional<Caller> authenticate(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        if (adminToken.matches(token)) {
            return Optional.of(new Caller.Operator());
        }
        return apiKeys.authenticate(token).map(Caller.OrganizationMember::new);
    }
}
