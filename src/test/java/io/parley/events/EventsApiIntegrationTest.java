package io.parley.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.platform.OrganizationId;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class EventsApiIntegrationTest extends IntegrationTestSupport {
    @Autowired
    SystemEvents events;

    String org;
    String otherOrg;

    @BeforeEach
    void twoOrganizationsWithEvents() {
        org = Tenants.organization(api, "Events " + UUID.randomUUID());
        otherOrg = Tenants.organization(api, "Other " + UUID.randomUUID());
        record(org, SystemEvent.Level.WARN, "delivery.failed");
        record(org, SystemEvent.Level.ERROR, "delivery.rejected");
        record(org, SystemEvent.Level.ERROR, "llm.error");
        record(org, SystemEvent.Level.INFO, "deliveryx.other");
        record(otherOrg, SystemEvent.Level.ERROR, "delivery.failed");
    }

    @Test
    void should_list_the_organization_events_newest_first() {
        JsonNode list = list("");
        assertThat(list)
                .extracting(e -> e.path("type").asString())
                .containsExactly("deliveryx.other", "llm.error", "delivery.rejected", "delivery.failed");
        JsonNode newest = list.get(1);
        assertThat(newest.path("level").asString()).isEqualTo("error");
        assertThat(newest.path("payload").path("code").asString()).isEqualTo("c");
        assertThat(newest.path("createdAt").asString()).isNotBlank();
        assertThat(newest.has("chatbotId")).isFalse();
        assertThat(newest.path("id").asLong())
                .isGreaterThan(list.get(2).path("id").asLong());
    }

    @Test
    void should_filter_by_type_prefix_exact_type_and_level() {
        assertThat(list("?type=delivery."))
                .extracting(e -> e.path("type").asString())
                .containsExactly("delivery.rejected", "delivery.failed");
        assertThat(list("?type=delivery.*")).hasSize(2);
        assertThat(list("?type=delivery")).hasSize(2);
        assertThat(list("?type=llm.error"))
                .extracting(e -> e.path("type").asString())
                .containsExactly("llm.error");
        assertThat(list("?level=error"))
                .extracting(e -> e.path("type").asString())
                .containsExactly("llm.error", "delivery.rejected");
        assertThat(list("?type=delivery.&level=warn"))
                .extracting(e -> e.path("type").asString())
                .containsExactly("delivery.failed");
        assertThat(list("?limit=1")).hasSize(1);
        assertThat(api.get("/api/v1/organizations/" + org + "/events?level=loud")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void should_never_list_another_organizations_events_and_404_for_unknown_organizations() {
        assertThat(list("?type=delivery.failed")).hasSize(1);
        assertThat(api.get("/api/v1/organizations/" + otherOrg + "/events").json())
                .hasSize(1);
        Api.Response unknown = api.get("/api/v1/organizations/" + UUID.randomUUID() + "/events");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("code")).isEqualTo("organization_not_found");
        assertThat(api.get("/api/v1/organizations/not-a-uuid/events").status()).isEqualTo(404);
    }

    @Test
    void should_acknowledge_an_event_of_the_organization_only() {
        long id = list("?type=llm.error").get(0).path("id").asLong();
        long foreign = api.get("/api/v1/organizations/" + otherOrg + "/events")
                .json()
                .get(0)
                .path("id")
                .asLong();

        Api.Response ack = api.post("/api/v1/organizations/" + org + "/events/" + id + "/ack", "{}");
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.text("acknowledgedBy")).isEqualTo("operator");
        assertThat(list("?type=llm.error").get(0).path("acknowledgedAt").asString())
                .isNotBlank();

        assertThat(api.post("/api/v1/organizations/" + org + "/events/" + foreign + "/ack", "{}")
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/organizations/" + otherOrg + "/events")
                        .json()
                        .get(0)
                        .has("acknowledgedAt"))
                .isFalse();
        assertThat(api.post("/api/v1/organizations/" + org + "/events/abc/ack", "{}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void should_record_which_api_key_acknowledged_an_event() {
        record(org, SystemEvent.Level.ERROR, "llm.timeout");
        long id = list("?type=llm.timeout").get(0).path("id").asLong();
        Api.Response key =
                api.post("/api/v1/organizations/" + org + "/api-keys", "{\"name\": \"on-call\", \"role\": \"admin\"}");
        assertThat(key.status()).as(key.body()).isEqualTo(201);

        Api.Response ack =
                api.withToken(key.text("key")).post("/api/v1/organizations/" + org + "/events/" + id + "/ack", "{}");

        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.text("acknowledgedBy")).isEqualTo("api_key:" + key.text("id"));
        assertThat(list("?type=llm.timeout").get(0).path("acknowledgedBy").asString())
                .isEqualTo("api_key:" + key.text("id"));
    }

    private JsonNode list(String query) {
        Api.Response response = api.get("/api/v1/organizations/" + org + "/events" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private void record(String organization, SystemEvent.Level level, String type) {
        events.record(SystemEvent.of(level, type)
                .organization(new OrganizationId(UUID.fromString(organization)))
                .with("code", "c")
                .build());
    }
}
