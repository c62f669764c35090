package io.parley.access;

import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.LoopbackAddresses;
import io.parley.testing.Tenants;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-email login throttle under concurrency: the count is taken before the password is checked, atomically. */
class LoginThrottleIntegrationTest extends IntegrationTestSupport {
    String org;
    String email;

    @BeforeEach
    void aStaffUser() {
        org = Tenants.organization(api, "Throttle " + UUID.randomUUID());
        email = "target-" + UUID.randomUUID() + "@acme.test";
        assertThat(api.post(
                                "/api/v1/organizations/" + org + "/users",
                                Api.json()
                                        .writeValueAsString(Map.of(
                                                "email",
                                                email,
                                                "name",
                                                "Target",
                                                "role",
                                                "agent",
                                                "password",
                                                AccessFixture.PASSWORD)))
                        .status())
                .isEqualTo(201);
    }

    @Test
    void should_check_at_most_ten_passwords_when_forty_wrong_ones_arrive_at_once() throws Exception {
        Api attacker = api.from(LoopbackAddresses.fresh()).withToken(null);
        List<Callable<Api.Response>> attempts = IntStream.range(0, 40)
                .<Callable<Api.Response>>mapToObj(
                        i -> () -> attacker.post("/api/v1/auth/login", credentials("wrong password number " + i)))
                .toList();

        List<Api.Response> answers;
        try (ExecutorService threads = Executors.newFixedThreadPool(40)) {
            answers = threads.invokeAll(attempts).stream()
                    .map(LoginThrottleIntegrationTest::get)
                    .toList();
        }

        List<Api.Response> checked =
                answers.stream().filter(a -> a.status() != 429).toList();
        assertThat(checked)
                .as("answers other than 429")
                .hasSizeLessThanOrEqualTo(10)
                .allSatisfy(a -> assertProblem(a, 401, "invalid_credentials"));
        answers.stream().filter(a -> a.status() == 429).forEach(a -> {
            assertProblem(a, 429, "too_many_login_attempts");
            assertThat(a.raw().headers().firstValue("Retry-After"))
                    .get()
                    .asString()
                    .matches("[1-9][0-9]*");
        });
        assertThat(jdbc.sql("select count(*) from audit_log where organization_id = :org and action = 'login_failed'")
                        .param("org", UUID.fromString(org))
                        .query(Integer.class)
                        .single())
                .as("password checks (each wrong one is audited)")
                .isLessThanOrEqualTo(10);
        assertProblem(
                attacker.post("/api/v1/auth/login", credentials(AccessFixture.PASSWORD)),
                429,
                "too_many_login_attempts");
    }

    @Test
    void should_sign_in_with_the_right_password_when_the_failures_stay_within_the_budget() {
        Api user = api.from(LoopbackAddresses.fresh()).withToken(null);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 9; i++) {
                assertProblem(user.post("/api/v1/auth/login", credentials("typo " + i)), 401, "invalid_credentials");
            }
            assertThat(user.post("/api/v1/auth/login", credentials(AccessFixture.PASSWORD))
                            .status())
                    .as("a success forgets this address's failures for the email")
                    .isEqualTo(200);
        }
    }

    private String credentials(String password) {
        return Api.json().writeValueAsString(Map.of("email", email, "password", password));
    }

    private static Api.Response get(Future<Api.Response> answer) {
        try {
            return answer.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
