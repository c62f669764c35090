package io.parley.access;

import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Resolves a bearer token into a {@link Caller}: the admin token gives the {@link Caller#OPERATOR}; an organization
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
            return Optional.of(Caller.OPERATOR);
        }
        Optional<Caller> key = apiKeys.authenticateKey(token).map(Caller::of);
        if (key.isPresent()) {
            return key;
        }
        return staffLogin.authenticate(token).map(Caller::of);
    }
}
