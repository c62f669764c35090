package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import java.util.UUID;

/** Staff users for console tests, created through the API as the operator; every one has {@link #PASSWORD}. */
public final class ConsoleStaff {
    public static final String PASSWORD = "correct horse battery staple";

    private ConsoleStaff() {}

    /** A staff member of {@code organizationId}, with a unique email; returns the email. */
    public static String create(Api operator, String organizationId, String role) {
        String email = role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@console.test";
        Api.Response created = operator.post(
                "/api/v1/organizations/" + organizationId + "/users",
                "{\"email\": \"" + email + "\", \"name\": \"" + capitalized(role) + " Person\", \"role\": \"" + role
                        + "\", \"password\": \"" + PASSWORD + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return email;
    }

    private static String capitalized(String role) {
        return Character.toUpperCase(role.charAt(0)) + role.substring(1);
    }
}
