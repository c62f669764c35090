package io.parley.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Every kind of organization caller, each as a bearer token: API keys (admin, agent) and staff sessions. */
record OrganizationCallers(
        String adminKey, String agentKey, String ownerSession, String adminSession, String agentSession) {
    private static final String PASSWORD = "correct horse battery staple";

    static OrganizationCallers of(Api operator, String organizationId) {
        String keys = "/api/v1/organizations/" + organizationId + "/api-keys";
        return new OrganizationCallers(
                key(operator, keys, "admin"),
                key(operator, keys, "agent"),
                session(operator, organizationId, "owner"),
                session(operator, organizationId, "admin"),
                session(operator, organizationId, "agent"));
    }

    /** The callers whose role may manage tool sources (owner and admin), by a label for assertion messages. */
    Map<String, String> managers() {
        Map<String, String> managers = new LinkedHashMap<>();
        managers.put("admin API key", adminKey);
        managers.put("owner session", ownerSession);
        managers.put("admin session", adminSession);
        return managers;
    }

    /** Every organization caller, by a label for assertion messages. */
    Map<String, String> all() {
        Map<String, String> all = managers();
        all.put("agent API key", agentKey);
        all.put("agent session", agentSession);
        return all;
    }

    private static String key(Api operator, String keys, String role) {
        Api.Response created = operator.post(keys, "{\"name\": \"" + role + "\", \"role\": \"" + role + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("key");
    }

    private static String session(Api operator, String organizationId, String role) {
        String email = role + "-" + UUID.randomUUID() + "@acme.test";
        Api.Response user = operator.post(
                "/api/v1/organizations/" + organizationId + "/users",
                "{\"email\": \"" + email + "\", \"name\": \"Staff\", \"role\": \"" + role + "\", \"password\": \""
                        + PASSWORD + "\"}");
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        Api.Response login = operator.withToken(null)
                .post("/api/v1/auth/login", "{\"email\": \"" + email + "\", \"password\": \"" + PASSWORD + "\"}");
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.text("token");
    }
}
