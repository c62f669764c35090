package io.parley.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.Tenants;
import java.util.UUID;

/** An organization with staff users made through the API, for the notification tests. */
final class StaffOrganization {
    static final String PASSWORD = "correct horse battery staple";
    final Api api;
    final String id;

    private StaffOrganization(Api api, String id) {
        this.api = api;
        this.id = id;
    }

    static StaffOrganization create(Api operator) {
        return new StaffOrganization(operator, Tenants.organization(operator, "Notify " + UUID.randomUUID()));
    }

    record Staff(String id, String email, String token) {}

    Staff user(String role) {
        String email = role + "-" + UUID.randomUUID() + "@acme.test";
        Api.Response created =
                api.post("/api/v1/organizations/" + id + "/users", """
                {"email": "%s", "name": "Staff %s", "role": "%s", "password": "%s"}""".formatted(email, role, role, PASSWORD));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        Api.Response session = api.withToken(null)
                .post("/api/v1/auth/login", "{\"email\": \"" + email + "\", \"password\": \"" + PASSWORD + "\"}");
        assertThat(session.status()).as(session.body()).isEqualTo(200);
        return new Staff(created.text("id"), email, session.text("token"));
    }

    String path(String rest) {
        return "/api/v1/organizations/" + id + rest;
    }
}
