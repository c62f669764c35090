package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Settings over HTTP: a key shown once, what an admin may not do, other organizations' ids, CSRF and roles. */
class SettingsConsoleIntegrationTest extends IntegrationTestSupport {
    private static final Pattern KEY = Pattern.compile("pk_[0-9A-Za-z]{40}");

    Tenants.WhatsAppBot bot;

    @BeforeEach
    void organization() {
        bot = Tenants.offlineBot(api, "[]");
    }

    @Test
    void should_show_a_new_api_key_once_and_the_key_works() {
        ConsoleHttp admin = signedIn("admin");

        HttpResponse<String> created =
                admin.postWithCsrf("/console/settings/api-keys", Map.of("name", "CRM", "role", "admin"));
        HttpResponse<String> reloaded = admin.get("/console/settings/api-keys");

        assertThat(created.statusCode()).isEqualTo(201);
        Matcher key = KEY.matcher(created.body());
        assertThat(key.find()).isTrue();
        assertThat(reloaded.body()).contains("CRM").doesNotContain(key.group(), "data-test=\"api-key-created\"");
        assertThat(Api.at(port)
                        .withToken(key.group())
                        .get("/api/v1/organizations/" + bot.organizationId() + "/api-keys")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void should_refuse_an_owner_from_an_admin_with_the_reason_and_keep_the_form() {
        ConsoleHttp admin = signedIn("admin");
        String email = "would-be-owner-" + System.nanoTime() + "@console.test";

        HttpResponse<String> refused = admin.postWithCsrf(
                "/console/settings/users",
                Map.of("email", email, "name", "Would Be", "role", "owner", "password", ConsoleStaff.PASSWORD));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body())
                .contains("Only an owner may create, change or delete an owner")
                .contains("value=\"" + email + "\"")
                .doesNotContain(ConsoleStaff.PASSWORD);
        assertThat(users()).noneMatch(u -> u.path("email").asString().equals(email));
    }

    @Test
    void should_offer_an_admin_only_the_roles_an_admin_may_grant_and_an_owner_every_role() {
        String ownerEmail = ConsoleStaff.create(api, bot.organizationId(), "owner");
        ConsoleStaff.create(api, bot.organizationId(), "agent");
        ConsoleHttp admin = signedIn("admin");
        ConsoleHttp owner = new ConsoleHttp(port).signIn(ownerEmail, ConsoleStaff.PASSWORD);

        org.jsoup.nodes.Document asAdmin =
                org.jsoup.Jsoup.parse(admin.get("/console/settings/users").body());
        org.jsoup.nodes.Document asOwner =
                org.jsoup.Jsoup.parse(owner.get("/console/settings/users").body());

        assertThat(asAdmin.select("option[value=owner]")).isEmpty();
        assertThat(asAdmin.select("[data-test=user-role-select]"))
                .isNotEmpty()
                .allSatisfy(select ->
                        assertThat(select.select("option").eachAttr("value")).containsExactly("agent", "admin"));
        assertThat(asAdmin.select("[data-test=user][data-role=owner] [data-test=user-role-fixed]")
                        .text())
                .isEqualTo("Owner");
        assertThat(asAdmin.select("[data-test=user][data-role=owner] [data-test=user-role-select]"))
                .isEmpty();
        assertThat(asOwner.select("[data-test=user-role-select]"))
                .isNotEmpty()
                .allSatisfy(select -> assertThat(select.select("option").eachAttr("value"))
                        .containsExactly("agent", "admin", "owner"));
        assertThat(asOwner.select("#user-role option").eachAttr("value")).containsExactly("agent", "admin", "owner");
        assertThat(asOwner.select("[data-test=user-role-fixed]")).isEmpty();
    }

    @Test
    void should_refuse_a_short_password_and_create_nothing() {
        ConsoleHttp admin = signedIn("admin");
        String email = "short-" + System.nanoTime() + "@console.test";

        HttpResponse<String> refused = admin.postWithCsrf(
                "/console/settings/users",
                Map.of("email", email, "name", "Short", "role", "agent", "password", "short"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("data-test=\"flash-error\"", "password");
        assertThat(users()).noneMatch(u -> u.path("email").asString().equals(email));
    }

    @Test
    void should_not_let_an_admin_promote_to_owner_but_change_disable_and_remove_an_agent() {
        ConsoleHttp admin = signedIn("admin");
        String agentEmail = ConsoleStaff.create(api, bot.organizationId(), "agent");
        String agentId = userId(agentEmail);

        HttpResponse<String> promoted =
                admin.postWithCsrf("/console/settings/users/" + agentId + "/role", Map.of("role", "owner"));
        assertThat(promoted.statusCode()).isEqualTo(403);
        assertThat(promoted.body())
                .as("shown above the users, like a refused create, not the not-allowed page")
                .contains("data-test=\"flash-error\"", "Only an owner may create, change or delete an owner")
                .contains("data-test=\"users-table\"")
                .doesNotContain("data-test=\"forbidden\"");
        assertThat(user(agentEmail).path("role").asString()).isEqualTo("agent");

        assertThat(admin.postWithCsrf("/console/settings/users/" + agentId + "/role", Map.of("role", "admin"))
                        .statusCode())
                .isEqualTo(302);
        assertThat(user(agentEmail).path("role").asString()).isEqualTo("admin");
        assertThat(admin.postWithCsrf("/console/settings/users/" + agentId + "/disabled", Map.of("disabled", "true"))
                        .statusCode())
                .isEqualTo(302);
        assertThat(user(agentEmail).path("disabled").asBoolean()).isTrue();
        assertThat(admin.postWithCsrf("/console/settings/users/" + agentId + "/delete", Map.of())
                        .statusCode())
                .isEqualTo(302);
        assertThat(users()).noneMatch(u -> u.path("email").asString().equals(agentEmail));
        assertThat(admin.get("/console/settings/audit").body())
                .contains("staff_user_changed", "staff_user_disabled", "staff_user_removed");
    }

    @Test
    void should_answer_not_found_for_another_organizations_keys_and_users() {
        Tenants.WhatsAppBot other = Tenants.offlineBot(api, "[]");
        String theirKey = api.post(
                        "/api/v1/organizations/" + other.organizationId() + "/api-keys",
                        "{\"name\": \"theirs\", \"role\": \"agent\"}")
                .text("id");
        String theirAgent = ConsoleStaff.create(api, other.organizationId(), "agent");
        String theirAgentId = StreamSupport.stream(
                        api.get("/api/v1/organizations/" + other.organizationId() + "/users")
                                .json()
                                .spliterator(),
                        false)
                .filter(u -> u.path("email").asString().equals(theirAgent))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asString();
        ConsoleHttp admin = signedIn("admin");

        HttpResponse<String> revoke =
                admin.postWithCsrf("/console/settings/api-keys/" + theirKey + "/revoke", Map.of());
        HttpResponse<String> role =
                admin.postWithCsrf("/console/settings/users/" + theirAgentId + "/role", Map.of("role", "admin"));
        HttpResponse<String> delete =
                admin.postWithCsrf("/console/settings/users/" + theirAgentId + "/delete", Map.of());
        HttpResponse<String> malformed = admin.postWithCsrf("/console/settings/api-keys/xyz/revoke", Map.of());

        assertThat(revoke.statusCode()).isEqualTo(404);
        assertThat(revoke.body()).contains("data-test=\"not-found\"");
        assertThat(role.statusCode()).isEqualTo(404);
        assertThat(delete.statusCode()).isEqualTo(404);
        assertThat(malformed.statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/organizations/" + other.organizationId() + "/api-keys")
                        .body())
                .doesNotContain("revokedAt\":\"");
        assertThat(api.get("/api/v1/organizations/" + other.organizationId() + "/users")
                        .body())
                .contains(theirAgent)
                .contains("\"email\":\"" + theirAgent + "\",\"name\":\"Agent Person\",\"role\":\"agent\"");
    }

    @Test
    void should_refuse_a_revocation_without_the_csrf_token_and_keep_the_key() {
        String key = api.post(
                        "/api/v1/organizations/" + bot.organizationId() + "/api-keys",
                        "{\"name\": \"kept\", \"role\": \"agent\"}")
                .text("id");
        ConsoleHttp admin = signedIn("admin");

        HttpResponse<String> forged = admin.postForm("/console/settings/api-keys/" + key + "/revoke", Map.of());
        HttpResponse<String> forgedUser = admin.postForm(
                "/console/settings/users",
                Map.of(
                        "email",
                        "forged@console.test",
                        "name",
                        "F",
                        "role",
                        "agent",
                        "password",
                        ConsoleStaff.PASSWORD));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forgedUser.statusCode()).isEqualTo(403);
        JsonNode keys = api.get("/api/v1/organizations/" + bot.organizationId() + "/api-keys")
                .json();
        assertThat(StreamSupport.stream(keys.spliterator(), false)
                        .filter(k -> k.path("id").asString().equals(key))
                        .findFirst()
                        .orElseThrow()
                        .hasNonNull("revokedAt"))
                .isFalse();
        assertThat(users()).noneMatch(u -> u.path("email").asString().equals("forged@console.test"));
    }

    @Test
    void should_show_agents_the_not_allowed_page_on_every_settings_page_and_no_link() {
        ConsoleHttp agent = signedIn("agent");

        for (String path : new String[] {
            "/console/settings",
            "/console/settings/api-keys",
            "/console/settings/users",
            "/console/settings/audit",
            "/console/settings/alert-sinks"
        }) {
            HttpResponse<String> page = agent.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(403);
            assertThat(page.body())
                    .as(path)
                    .contains("data-test=\"forbidden\"")
                    .doesNotContain("data-test=\"nav-settings\"");
        }
        assertThat(agent.postWithCsrf("/console/settings/api-keys", Map.of("name", "sneaky", "role", "admin"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/organizations/" + bot.organizationId() + "/api-keys")
                        .body())
                .doesNotContain("sneaky");
    }

    private ConsoleHttp signedIn(String role) {
        return new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), role), ConsoleStaff.PASSWORD);
    }

    private java.util.List<JsonNode> users() {
        return StreamSupport.stream(
                        api.get("/api/v1/organizations/" + bot.organizationId() + "/users")
                                .json()
                                .spliterator(),
                        false)
                .toList();
    }

    private JsonNode user(String email) {
        return users().stream()
                .filter(u -> u.path("email").asString().equals(email))
                .findFirst()
                .orElseThrow();
    }

    private String userId(String email) {
        return user(email).path("id").asString();
    }
}
