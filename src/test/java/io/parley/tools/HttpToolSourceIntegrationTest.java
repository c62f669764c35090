package io.parley.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.parley.testing.LlmFake.ok;
import static io.parley.testing.LlmFake.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.testing.Api;
import io.parley.testing.ApiProblems;
import io.parley.testing.Fakes;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.LlmRequests;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** An HTTP tool server (the seed's GET /tools, POST /tools/{name} convention) on WireMock, used in a conversation. */
class HttpToolSourceIntegrationTest extends IntegrationTestSupport {
    private static final String SECRET = "Bearer tool-secret-" + UUID.randomUUID();
    private static final String STOCK_TOOL = """
            {"name": "lookup_stock", "description": "How many items of a product are in stock",
             "input_schema": {"type": "object", "properties": {"sku": {"type": "string"}, "chatbot_id": {"type": "string"}},
                              "required": ["sku", "chatbot_id"]}}""";

    @Test
    void should_call_the_http_tool_with_arguments_chatbot_id_and_headers_when_the_model_asks_for_it() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        String server = toolServer("{\"tools\": [" + STOCK_TOOL + "]}");
        Fakes.wiremock()
                .stubFor(post(urlEqualTo(server + "/tools/lookup_stock"))
                        .willReturn(okJson("{\"sku\": \"A1\", \"inStock\": 7}")));
        Api.Response registered = register(bot.organizationId(), server, "Warehouse");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        JsonNode source = registered.json();
        assertThat(source.path("tools").findValuesAsString("name")).containsExactly("lookup_stock");
        assertThat(source.path("tools")
                        .get(0)
                        .path("parameters")
                        .path("properties")
                        .has("sku"))
                .isTrue();
        assertThat(source.path("tools")
                        .get(0)
                        .path("parameters")
                        .path("properties")
                        .has("chatbot_id"))
                .as("Parley fills in chatbot_id itself")
                .isFalse();
        assertThat(source.path("headers")).hasSize(1);
        assertThat(source.path("headers").get(0).asString()).isEqualTo("Authorization");
        assertThat(source.path("refreshedAt").isString()).isTrue();
        assertThat(registered.body()).doesNotContain(SECRET);
        Api.Response enabled = api.put(
                "/api/v1/chatbots/" + bot.chatbotId() + "/tools",
                "{\"builtins\": [], \"sources\": [\"" + source.path("id").asString() + "\"]}");
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        assertThat(enabled.json().path("tools").get(0).path("name").asString()).isEqualTo("lookup_stock");
        assertThat(enabled.json().path("tools").get(0).path("source").asString())
                .isEqualTo("Warehouse");
        bot.llm().repliesInSequence(toolCall("call_1", "lookup_stock", "{\"sku\": \"A1\"}"), ok("We have 7 of A1."));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Is A1 in stock?");

        assertThat(chat.awaitReceived(1)).containsExactly("We have 7 of A1.");
        List<LoggedRequest> calls =
                Fakes.wiremock().findAll(postRequestedFor(urlEqualTo(server + "/tools/lookup_stock")));
        assertThat(calls).hasSize(1);
        JsonNode body = Api.json().readTree(calls.getFirst().getBodyAsString());
        assertThat(body.path("sku").asString()).isEqualTo("A1");
        assertThat(body.path("chatbot_id").asString()).isEqualTo(bot.chatbotId());
        assertThat(calls.getFirst().getHeader("Authorization")).isEqualTo(SECRET);
        assertThat(calls.getFirst().getHeader("X-Parley-Conversation-Id")).isEqualTo(chat.conversationId());
        Fakes.wiremock()
                .verify(getRequestedFor(urlEqualTo(server + "/tools")).withHeader("Authorization", equalTo(SECRET)));
        assertThat(lastToolResult(bot)).contains("inStock").contains("7");
        assertThat(bot.llm().requests().getFirst().getBodyAsString())
                .contains("lookup_stock")
                .contains("How many items of a product are in stock");
        JsonNode execution = executions(chat).get(0);
        assertThat(execution.path("tool").asString()).isEqualTo("lookup_stock");
        assertThat(execution.path("status").asString()).isEqualTo("success");
        assertThat(execution.path("arguments").path("sku").asString()).isEqualTo("A1");
        assertThat(execution.path("result").path("inStock").asInt()).isEqualTo(7);
        assertThat(api.get("/api/v1/organizations/" + bot.organizationId() + "/tools")
                        .body())
                .doesNotContain(SECRET);
        assertThat(api.get("/api/v1/chatbots/" + bot.chatbotId() + "/tools").body())
                .doesNotContain(SECRET);
    }

    @Test
    void should_record_a_failure_and_show_the_model_the_error_when_the_tool_server_answers_500() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        String server = toolServer("[" + STOCK_TOOL + "]");
        Fakes.wiremock()
                .stubFor(post(urlEqualTo(server + "/tools/lookup_stock"))
                        .willReturn(aResponse().withStatus(500).withBody("{\"error\": \"inventory database down\"}")));
        String sourceId = register(bot.organizationId(), server, "Warehouse").text("id");
        api.put("/api/v1/chatbots/" + bot.chatbotId() + "/tools", "{\"sources\": [\"" + sourceId + "\"]}");
        bot.llm()
                .repliesInSequence(
                        toolCall("call_1", "lookup_stock", "{\"sku\": \"B2\"}"), ok("Stock is unavailable right now."));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Is B2 in stock?");

        assertThat(chat.awaitReceived(1)).containsExactly("Stock is unavailable right now.");
        JsonNode execution = executions(chat).get(0);
        assertThat(execution.path("status").asString()).isEqualTo("failed");
        // status and classification only: the server's words could be an internal service's (ADR 24)
        assertThat(execution.path("error").asString())
                .contains("500 (server error)")
                .doesNotContain("inventory database down")
                .doesNotContain(SECRET);
        assertThat(lastToolResult(bot))
                .contains("500 (server error)")
                .doesNotContain("inventory database down")
                .doesNotContain(SECRET);
    }

    @Test
    void should_refuse_and_store_nothing_when_the_source_is_unreachable_at_registration() {
        String org = Tenants.organization(api, "Org " + UUID.randomUUID());
        String missing = "/toolsrv/" + UUID.randomUUID();

        Api.Response notFound = register(org, missing, "Missing");
        Api.Response refused = api.post(
                "/api/v1/organizations/" + org + "/tools",
                "{\"type\": \"http\", \"name\": \"Closed\", \"url\": \"http://127.0.0.1:1\"}");

        JsonNode problem = ApiProblems.assertProblem(notFound, 422, "tool_source_unreachable");
        assertThat(problem.path("detail").asString()).contains("404").doesNotContain(SECRET);
        ApiProblems.assertProblem(refused, 422, "tool_source_unreachable");
        assertThat(api.get("/api/v1/organizations/" + org + "/tools").json()).isEmpty();
    }

    @Test
    void should_pick_up_a_new_tool_when_the_source_is_refreshed() {
        String org = Tenants.organization(api, "Org " + UUID.randomUUID());
        String server = toolServer("[" + STOCK_TOOL + "]");
        JsonNode source = register(org, server, "Warehouse").json();
        toolServer(
                server,
                "[" + STOCK_TOOL + ", {\"name\": \"reserve_item\", \"description\": \"Reserves one item\","
                        + " \"parameters\": {\"type\": \"object\", \"properties\": {\"sku\": {\"type\": \"string\"}}}}]");

        Api.Response refreshed = api.post(
                "/api/v1/organizations/" + org + "/tools/" + source.path("id").asString() + "/refresh", "");

        assertThat(refreshed.status()).as(refreshed.body()).isEqualTo(200);
        assertThat(refreshed.json().path("tools").findValuesAsString("name"))
                .containsExactly("lookup_stock", "reserve_item");
        assertThat(api.get("/api/v1/organizations/" + org + "/tools/"
                                + source.path("id").asString())
                        .json()
                        .path("tools")
                        .findValuesAsString("name"))
                .contains("reserve_item");
    }

    @Test
    void should_remove_the_source_and_its_tools_from_chatbots_when_deleted() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        String sourceId = register(bot.organizationId(), toolServer("[" + STOCK_TOOL + "]"), "Warehouse")
                .text("id");
        api.put("/api/v1/chatbots/" + bot.chatbotId() + "/tools", "{\"sources\": [\"" + sourceId + "\"]}");
        String path = "/api/v1/organizations/" + bot.organizationId() + "/tools/" + sourceId;

        assertThat(api.delete(path).status()).isEqualTo(204);

        ApiProblems.assertProblem(api.get(path), 404, "tool_source_not_found");
        ApiProblems.assertProblem(api.delete(path), 404, "tool_source_not_found");
        JsonNode selection =
                api.get("/api/v1/chatbots/" + bot.chatbotId() + "/tools").json();
        assertThat(selection.path("sources")).isEmpty();
        assertThat(selection.path("tools")).isEmpty();
    }

    private Api.Response register(String org, String server, String name) {
        return api.post(
                "/api/v1/organizations/" + org + "/tools", """
                {"type": "http", "name": "%s", "url": "%s", "headers": {"Authorization": "%s"}}""".formatted(name, Fakes.baseUrl() + server, SECRET));
    }

    /** A tool server of its own on WireMock whose discovery answers {@code toolsJson}; returns its path. */
    private static String toolServer(String toolsJson) {
        return toolServer("/toolsrv/" + UUID.randomUUID(), toolsJson);
    }

    private static String toolServer(String path, String toolsJson) {
        Fakes.wiremock().stubFor(get(urlEqualTo(path + "/tools")).willReturn(okJson(toolsJson)));
        return path;
    }

    private JsonNode executions(WhatsAppChat chat) {
        return api.get("/api/v1/conversations/" + chat.conversationId() + "/tool-executions")
                .json();
    }

    private static String lastToolResult(Tenants.WhatsAppBot bot) {
        return LlmRequests.messages(bot.llm().requests().getLast()).stream()
                .filter(l -> l.role().equals("tool"))
                .reduce((a, b) -> b)
                .orElseThrow()
                .text();
    }
}
