package io.parley.access;

import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Staff users, password login, key roles and the audit log, through the API as an organization uses them. */
class StaffAccessIntegrationTest extends IntegrationTestSupport {
    static final String PASSWORD = AccessFixture.PASSWORD;

    String org;
    String users;

    @BeforeEach
    void anOrganization() {
        org = Tenants.organization(api, "Staff " + UUID.randomUUID());
        users = "/api/v1/organizations/" + org + "/users";
    }

    @Test
    void should_never_return_the_password_and_store_only_a_bcrypt_hash_when_a_user_is_created() {
        String email = email("Owner");
        Api.Response created = api.post(users, userJson(email, "owner", PASSWORD));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.text("email")).isEqualTo(email.toLowerCase());
        assertThat(created.body()).doesNotContain(PASSWORD).doesNotContain("password");
        assertThat(api.get(users).body()).doesNotContain(PASSWORD).doesNotContain("password");
        String hash = jdbc.sql("select password_hash from staff_users where id = :id")
                .param("id", UUID.fromString(created.text("id")))
                .query(String.class)
                .single();
        assertThat(hash).startsWith("$2").doesNotContain(PASSWORD);
        assertProblem(api.post(users, userJson(email.toUpperCase(), "agent", PASSWORD)), 409, "email_taken");
        assertThat(api.post(users, userJson(email("short"), "agent", "elevenchars"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void should_let_a_session_act_with_its_users_role_when_logging_in() {
        String agentEmail = email("agent");
        api.post(users, userJson(agentEmail, "agent", PASSWORD));

        Api.Response login = api.withToken(null).post("/api/v1/auth/login", credentials(agentEmail, PASSWORD));

        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(login.json().path("user").path("role").asString()).isEqualTo("agent");
        assertThat(Instant.parse(login.text("expiresAt")))
                .isBetween(time.now().plusSeconds(11 * 3600), time.now().plusSeconds(13 * 3600));
        Api session = api.withToken(login.text("token"));
        assertThat(session.get("/api/v1/organizations/" + org + "/chatbots").status())
                .isEqualTo(200);
        assertProblem(session.get(users), 403, "forbidden");
        assertThat(session.post("/api/v1/auth/logout", "{}").status()).isEqualTo(204);
        assertThat(session.get("/api/v1/organizations/" + org + "/chatbots").status())
                .isEqualTo(401);
    }

    @Test
    void should_reject_an_expired_session() {
        String email = email("expiring");
        api.post(users, userJson(email, "admin", PASSWORD));
        String token = AccessFixture.login(api, email);
        assertThat(api.withToken(token).get(users).status()).isEqualTo(200);

        jdbc.sql("update staff_sessions set expires_at = :past where user_id = (select id from staff_users "
                        + "where email = :email)")
                .param("past", Timestamp.from(time.now().minusSeconds(1)))
                .param("email", email.toLowerCase())
                .update();

        assertProblem(api.withToken(token).get(users), 401, "unauthorized");
    }

    @Test
    void should_answer_the_same_401_when_the_email_is_unknown_or_the_password_wrong() {
        String email = email("known");
        api.post(users, userJson(email, "agent", PASSWORD));

        Api.Response wrong = api.withToken(null).post("/api/v1/auth/login", credentials(email, "wrong password!!"));
        Api.Response unknown =
                api.withToken(null).post("/api/v1/auth/login", credentials(email("nobody"), "wrong password!!"));

        assertProblem(wrong, 401, "invalid_credentials");
        assertProblem(unknown, 401, "invalid_credentials");
        assertThat(wrong.json().path("detail")).isEqualTo(unknown.json().path("detail"));
    }

    @Test
    void should_throttle_logins_for_an_email_after_ten_failures() {
        String email = email("target");
        api.post(users, userJson(email, "agent", PASSWORD));
        for (int i = 0; i < 10; i++) {
            assertThat(api.withToken(null)
                            .post("/api/v1/auth/login", credentials(email, "wrong password " + i))
                            .status())
                    .isEqualTo(401);
        }

        Api.Response throttled = api.withToken(null).post("/api/v1/auth/login", credentials(email, PASSWORD));

        assertProblem(throttled, 429, "too_many_login_attempts");
        assertThat(throttled.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(api.withToken(null)
                        .post("/api/v1/auth/login", credentials(email("other"), PASSWORD))
                        .status())
                .as("another email is not throttled")
                .isEqualTo(401);
    }

    @Test
    void should_protect_owners_from_admins_and_keep_the_last_owner() {
        String owner = created(api.post(users, userJson(email("owner"), "owner", PASSWORD)));
        String adminEmail = email("admin");
        String admin = created(api.post(users, userJson(adminEmail, "admin", PASSWORD)));
        Api asAdmin = api.withToken(AccessFixture.login(api, adminEmail));

        assertProblem(asAdmin.post(users, userJson(email("new-owner"), "owner", PASSWORD)), 403, "forbidden");
        assertProblem(asAdmin.patch(users + "/" + admin, "{\"role\": \"owner\"}"), 403, "forbidden");
        assertProblem(asAdmin.delete(users + "/" + owner), 403, "forbidden");
        assertThat(asAdmin.post(users, userJson(email("agent"), "agent", PASSWORD))
                        .status())
                .isEqualTo(201);

        assertProblem(api.patch(users + "/" + owner, "{\"role\": \"admin\"}"), 409, "last_owner");
        assertProblem(api.patch(users + "/" + owner, "{\"disabled\": true}"), 409, "last_owner");
        assertProblem(api.delete(users + "/" + owner), 409, "last_owner");
        assertThat(api.patch(users + "/" + admin, "{\"role\": \"owner\"}").status())
                .isEqualTo(200);
        assertThat(api.delete(users + "/" + owner).status()).isEqualTo(204);
    }

    @Test
    void should_not_let_a_key_mint_a_stronger_key_and_should_reject_revoked_keys() {
        String keys = "/api/v1/organizations/" + org + "/api-keys";
        Api.Response agentKey = api.post(keys, "{\"name\": \"agent\", \"role\": \"agent\"}");
        assertThat(agentKey.text("role")).isEqualTo("agent");
        assertThat(agentKey.json().has("key")).isTrue();
        String adminEmail = email("admin");
        api.post(users, userJson(adminEmail, "admin", PASSWORD));
        Api asAdmin = api.withToken(AccessFixture.login(api, adminEmail));

        assertThat(asAdmin.post(keys, "{\"name\": \"ci\", \"role\": \"admin\"}").status())
                .isEqualTo(201);
        assertThat(asAdmin.post(keys, "{\"name\": \"ci\", \"role\": \"owner\"}").status())
                .isEqualTo(400);
        assertProblem(
                api.withToken(agentKey.text("key")).post(keys, "{\"name\": \"x\", \"role\": \"agent\"}"),
                403,
                "forbidden");
        JsonNode listed = api.get(keys).json();
        assertThat(listed.findValuesAsString("role")).containsExactlyInAnyOrder("agent", "admin");
        assertThat(listed.toString()).doesNotContain(agentKey.text("key")).doesNotContain("hash");

        assertThat(api.delete(keys + "/" + agentKey.text("id")).status()).isEqualTo(204);
        assertProblem(
                api.withToken(agentKey.text("key")).get("/api/v1/organizations/" + org + "/chatbots"),
                401,
                "unauthorized");
    }

    @Test
    void should_audit_changes_logins_and_failed_logins_with_the_actor_and_no_secrets() {
        String adminEmail = email("admin");
        String adminId = created(api.post(users, userJson(adminEmail, "admin", PASSWORD)));
        Api asAdmin = api.withToken(AccessFixture.login(api, adminEmail));
        Api.Response key = asAdmin.post("/api/v1/organizations/" + org + "/api-keys", "{\"name\": \"audited\"}");
        api.withToken(null).post("/api/v1/auth/login", credentials(adminEmail, "not the password"));
        asAdmin.get("/api/v1/organizations/" + org + "/chatbots");

        Api.Response log = asAdmin.get("/api/v1/organizations/" + org + "/audit-log");

        assertThat(log.status()).as(log.body()).isEqualTo(200);
        List<String> actions = log.json().findValuesAsString("action");
        assertThat(actions)
                .containsExactly(
                        "login_failed",
                        "POST /api/v1/organizations/{orgId}/api-keys",
                        "login",
                        "POST /api/v1/organizations/{orgId}/users");
        JsonNode keyCreation = log.json().get(1);
        assertThat(keyCreation.path("actorType").asString()).isEqualTo("user");
        assertThat(keyCreation.path("actorId").asString()).isEqualTo(adminId);
        assertThat(keyCreation.path("status").asInt()).isEqualTo(201);
        assertThat(keyCreation.path("pathVariables").path("orgId").asString()).isEqualTo(org);
        assertThat(keyCreation.path("traceId").asString()).isNotBlank();
        assertThat(log.json().get(3).path("actorType").asString()).isEqualTo("operator");
        assertThat(log.body()).doesNotContain(PASSWORD, key.text("key"), adminEmail.toLowerCase());
        assertThat(asAdmin.get("/api/v1/organizations/" + org + "/audit-log?limit=1&before="
                                + log.json().get(0).path("id").asLong())
                        .json()
                        .findValuesAsString("action"))
                .containsExactly("POST /api/v1/organizations/{orgId}/api-keys");
        assertThat(api.get("/api/v1/audit-log?limit=500").json().findValuesAsString("organizationId"))
                .contains(org);
    }

    private static String email(String who) {
        return who + "-" + UUID.randomUUID() + "@Acme.test";
    }

    private static String userJson(String email, String role, String password) {
        return Api.json()
                .writeValueAsString(Map.of("email", email, "name", "Staff", "role", role, "password", password));
    }

    private static String credentials(String email, String password) {
        return Api.json().writeValueAsString(Map.of("email", email, "password", password));
    }

    private static String created(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.text("id");
    }
}
