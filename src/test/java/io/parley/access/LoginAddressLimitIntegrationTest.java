package io.parley.access;

import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.EdgeTestSupport;
import io.parley.testing.LoopbackAddresses;
import io.parley.testing.Tenants;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Failed logins per source address across emails (4 per 15 minutes here; 30 by default). */
class LoginAddressLimitIntegrationTest extends EdgeTestSupport {

    @Test
    void should_refuse_logins_from_an_address_after_its_failed_logins_across_emails_until_the_window_passes() {
        String org = Tenants.organization(api, "Address limit " + UUID.randomUUID());
        String email = "ana-" + UUID.randomUUID() + "@acme.test";
        assertThat(api.post(
                                "/api/v1/organizations/" + org + "/users",
                                Api.json()
                                        .writeValueAsString(Map.of(
                                                "email",
                                                email,
                                                "name",
                                                "Ana",
                                                "role",
                                                "agent",
                                                "password",
                                                AccessFixture.PASSWORD)))
                        .status())
                .isEqualTo(201);
        Api sprayer = api.from(LoopbackAddresses.fresh()).withToken(null);
        for (int i = 0; i < FAILED_LOGINS_PER_ADDRESS; i++) {
            assertProblem(
                    sprayer.post(
                            "/api/v1/auth/login",
                            credentials(
                                    "victim-" + i + "-" + UUID.randomUUID() + "@acme.test", AccessFixture.PASSWORD)),
                    401,
                    "invalid_credentials");
        }

        Api.Response refused = sprayer.post("/api/v1/auth/login", credentials(email, AccessFixture.PASSWORD));

        assertProblem(refused, 429, "too_many_login_attempts");
        assertThat(Long.parseLong(
                        refused.raw().headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(14 * 60L, 15 * 60L);
        assertThat(api.from(LoopbackAddresses.fresh())
                        .withToken(null)
                        .post("/api/v1/auth/login", credentials(email, AccessFixture.PASSWORD))
                        .status())
                .as("from another address")
                .isEqualTo(200);

        clock.advance(Duration.ofMinutes(15).plusSeconds(1));

        assertThat(sprayer.post("/api/v1/auth/login", credentials(email, AccessFixture.PASSWORD))
                        .status())
                .isEqualTo(200);
    }

    private static String credentials(String email, String password) {
        return Api.json().writeValueAsString(Map.of("email", email, "password", password));
    }
}
