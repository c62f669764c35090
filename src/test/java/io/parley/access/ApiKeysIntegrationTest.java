package io.parley.access;

import static io.parley.testing.ApiProblems.assertInvalidField;
import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.platform.OrganizationId;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Organization API keys through the admin API: shown once, stored as a hash, revoked at once. */
class ApiKeysIntegrationTest extends IntegrationTestSupport {
    @Autowired
    ApiKeys apiKeys;

    String organizationId;
    String path;

    @BeforeEach
    void anOrganization() {
        organizationId = Tenants.organization(api, "Keys " + UUID.randomUUID());
        path = "/api/v1/organizations/" + organizationId + "/api-keys";
    }

    @Test
    void should_return_the_key_once_and_list_it_without_the_key_when_a_key_is_created() {
        Api.Response created = api.post(path, "{\"name\": \"Claude Desktop\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String key = created.text("key");
        assertThat(key).matches("pk_[0-9A-Za-z]{40}");
        assertThat(created.text("prefix")).isEqualTo(key.substring(0, 9));
        assertThat(created.text("name")).isEqualTo("Claude Desktop");
        assertThat(created.text("createdAt")).isNotBlank();
        assertThat(created.raw().headers().firstValue("Location")).hasValue(path + "/" + created.text("id"));

        Api.Response listed = api.get(path);
        assertThat(listed.status()).isEqualTo(200);
        JsonNode only = listed.json().get(0);
        assertThat(listed.json()).hasSize(1);
        assertThat(only.path("id").asString()).isEqualTo(created.text("id"));
        assertThat(only.path("prefix").asString()).isEqualTo(created.text("prefix"));
        assertThat(only.has("key")).isFalse();
        assertThat(listed.body()).doesNotContain(key);
        assertThat(created.text("role"))
                .as("keys without a role are admin keys")
                .isEqualTo("admin");
        assertThat(api.withToken(key).get(path).status())
                .as("an admin key opens its organization's routes")
                .isEqualTo(200);
    }

    @Test
    void should_store_only_the_sha256_of_the_key_when_a_key_is_created() throws Exception {
        Api.Response created = api.post(path, "{\"name\": \"ci\"}");
        String key = created.text("key");

        Map<String, Object> row = jdbc.sql("select * from api_keys where id = :id")
                .param("id", UUID.fromString(created.text("id")))
                .query()
                .singleRow();

        String sha256 = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        assertThat(row.get("key_hash")).isEqualTo(sha256);
        assertThat(row.values())
                .noneMatch(value -> value != null && value.toString().contains(key));
        assertThat(apiKeys.authenticate(key)).contains(new OrganizationId(UUID.fromString(organizationId)));
    }

    @Test
    void should_stop_accepting_the_key_when_it_is_deleted() {
        Api.Response created = api.post(path, "{\"name\": \"temporary\"}");
        String key = created.text("key");
        assertThat(apiKeys.authenticate(key)).isPresent();

        Api.Response deleted = api.delete(path + "/" + created.text("id"));

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(apiKeys.authenticate(key)).isEmpty();
        assertThat(api.get(path).json().get(0).path("revokedAt").asString()).isNotBlank();
        assertThat(api.delete(path + "/" + created.text("id")).status()).isEqualTo(204);
    }

    @Test
    void should_answer_not_found_when_the_key_belongs_to_another_organization() {
        String other = Tenants.organization(api, "Other " + UUID.randomUUID());
        Api.Response created = api.post(path, "{\"name\": \"mine\"}");

        assertProblem(
                api.delete("/api/v1/organizations/" + other + "/api-keys/" + created.text("id")),
                404,
                "api_key_not_found");
        assertProblem(api.delete(path + "/not-a-uuid"), 404, "api_key_not_found");
        assertThat(apiKeys.authenticate(created.text("key"))).isPresent();
        assertThat(api.get("/api/v1/organizations/" + other + "/api-keys").json())
                .isEmpty();
    }

    @Test
    void should_reject_a_key_request_when_the_name_is_blank_or_the_organization_unknown() {
        assertInvalidField(api.post(path, "{\"name\": \" \"}"), "name");
        assertProblem(
                api.post("/api/v1/organizations/" + UUID.randomUUID() + "/api-keys", "{\"name\": \"x\"}"),
                404,
                "organization_not_found");
        assertThat(api.withToken("pk_nope").get(path).status()).isEqualTo(401);
    }

    @Test
    void should_not_authenticate_unknown_or_malformed_keys() {
        assertThat(apiKeys.authenticate(null)).isEmpty();
        assertThat(apiKeys.authenticate("")).isEmpty();
        assertThat(apiKeys.authenticate("pk_" + "a".repeat(40))).isEmpty();
        assertThat(apiKeys.authenticate("test-admin-token")).isEmpty();
    }
}
