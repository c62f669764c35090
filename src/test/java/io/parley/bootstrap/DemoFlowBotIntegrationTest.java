package io.parley.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.tenancy.Chatbot;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The demo organization's flow chatbot, made at start-up and left as it is by every later start. */
class DemoFlowBotIntegrationTest extends IntegrationTestSupport {
    @Autowired
    DemoTenant demoTenant;

    @Autowired
    DemoFlowBot flowBot;

    @Test
    void should_have_created_ink_and_needle_on_the_published_tattoo_flow_at_start_up() {
        String ink = inkBot();

        JsonNode bot = api.get("/api/v1/chatbots/" + ink).json();
        JsonNode versions = api.get("/api/v1/chatbots/" + ink + "/flows/tattoo_booking/versions")
                .json();
        Api.Response yaml =
                api.getWithHeaders("/api/v1/chatbots/" + ink + "/flows/tattoo_booking", "Accept", "application/yaml");

        assertThat(bot.path("engine").asString()).isEqualTo("flow");
        assertThat(bot.path("flowKey").asString()).isEqualTo("tattoo_booking");
        assertThat(bot.path("model").path("provider").asString())
                .as("no API key needed")
                .isEqualTo("offline");
        assertThat(bot.path("model").path("apiKeySet").asBoolean()).isFalse();
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).path("status").asString()).isEqualTo("published");
        assertThat(yaml.body()).isEqualTo(DemoFlowBot.definition());
        assertThat(namesInDemo())
                .as("the first demo chatbot stays the first")
                .containsExactly("Parley Demo", DemoFlowBot.NAME);
    }

    @Test
    void should_change_nothing_when_started_again() {
        String ink = inkBot();
        String demo = demoTenant.ensure().orElseThrow().id().toString();

        Chatbot first = flowBot.ensure().orElseThrow();
        Chatbot second = flowBot.ensure().orElseThrow();

        assertThat(first.id().toString()).isEqualTo(ink);
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(demoTenant.ensure().orElseThrow().id().toString())
                .as("still the FAQ chatbot")
                .isEqualTo(demo);
        assertThat(namesInDemo()).containsExactly("Parley Demo", DemoFlowBot.NAME);
        assertThat(api.get("/api/v1/chatbots/" + ink + "/flows/tattoo_booking/versions")
                        .json())
                .as("no second version")
                .hasSize(1);
        assertThat(api.get("/api/v1/chatbots/" + ink).text("engine")).isEqualTo("flow");
    }

    @Test
    void should_leave_the_agent_to_a_flow_chatbot_someone_switched_back_when_started_again() {
        String ink = inkBot();
        try {
            Api.Response switched = api.patch("/api/v1/chatbots/" + ink, "{\"engine\": \"agent\"}");
            assertThat(switched.status()).as(switched.body()).isEqualTo(200);

            flowBot.ensure();

            assertThat(api.get("/api/v1/chatbots/" + ink).text("engine")).isEqualTo("agent");
        } finally {
            api.patch("/api/v1/chatbots/" + ink, "{\"engine\": \"flow\"}");
        }
        assertThat(api.get("/api/v1/chatbots/" + ink).text("engine")).isEqualTo("flow");
    }

    private String inkBot() {
        return jdbc.sql("""
                        select b.id::text from chatbots b join organizations o on o.id = b.organization_id
                        where o.slug = 'demo' and b.name = :name""").param("name", DemoFlowBot.NAME).query(String.class).single();
    }

    private List<String> namesInDemo() {
        return jdbc.sql("""
                        select b.name from chatbots b join organizations o on o.id = b.organization_id
                        where o.slug = 'demo' order by b.created_at, b.id""").query(String.class).list();
    }
}
