package io.parley.tools;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.ApiProblems;
import io.parley.testing.Fakes;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Registration rules of the tools API, tenant isolation and the chatbot's tool selection. */
class ToolSourceApiIntegrationTest extends IntegrationTestSupport {

    @Test
    void should_answer_400_naming_the_field_when_a_registration_is_invalid() {
        String tools = "/api/v1/organizations/" + Tenants.organization(api, "Org " + UUID.randomUUID()) + "/tools";

        ApiProblems.assertInvalidField(api.post(tools, "{\"name\": \"x\", \"url\": \"https://a.example\"}"), "type");
        ApiProblems.assertInvalidField(api.post(tools, "{\"type\": \"soap\", \"name\": \"x\"}"), "type");
        ApiProblems.assertInvalidField(
                api.post(tools, "{\"type\": \"http\", \"name\": \" \", \"url\": \"https://a.example\"}"), "name");
        ApiProblems.assertInvalidField(api.post(tools, "{\"type\": \"http\", \"name\": \"x\"}"), "url");
        ApiProblems.assertInvalidField(
                api.post(tools, "{\"type\": \"http\", \"name\": \"x\", \"url\": \"ftp://a.example\"}"), "url");
        ApiProblems.assertInvalidField(
                api.post(tools, "{\"type\": \"http\", \"name\": \"x\", \"url\": \"/relative\"}"), "url");
        ApiProblems.assertInvalidField(
                api.post(
                        tools,
                        "{\"type\": \"mcp\", \"name\": \"x\", \"transport\": \"sse\", \"url\": \"https://a.example\"}"),
                "transport");
        ApiProblems.assertInvalidField(
                api.post(
                        tools,
                        "{\"type\": \"http\", \"name\": \"x\", \"url\": \"https://a.example\", \"headers\": {\"Host\": \"b\"}}"),
                "headers");
        ApiProblems.assertProblem(api.post(tools, "[1]"), 400, "malformed_request");
        assertThat(api.get(tools).json()).isEmpty();
    }

    @Test
    void should_refuse_stdio_sources_unless_the_operator_enabled_them() {
        String tools = "/api/v1/organizations/" + Tenants.organization(api, "Org " + UUID.randomUUID()) + "/tools";

        Api.Response response = api.post(tools, """
                {"type": "mcp", "name": "local", "transport": "stdio", "command": ["sh", "-c", "touch /tmp/pwned"]}""");

        assertThat(ApiProblems.assertProblem(response, 400, "mcp_stdio_disabled")
                        .path("detail")
                        .asString())
                .contains("PARLEY_TOOLS_MCPSTDIOENABLED");
        assertThat(api.get(tools).json()).isEmpty();
    }

    @Test
    void should_answer_403_for_operator_only_before_the_disabled_check_when_an_organization_member_asks_for_stdio() {
        String org = Tenants.organization(api, "Org " + UUID.randomUUID());
        OrganizationCallers callers = OrganizationCallers.of(api, org);

        callers.managers()
                .forEach((caller, token) -> assertThat(ApiProblems.assertProblem(
                                        api.withToken(token).post("/api/v1/organizations/" + org + "/tools", """
                        {"type": "mcp", "name": "local", "transport": "stdio", "command": ["sh", "-c", "id"]}"""),
                                        403,
                                        "forbidden")
                                .path("requiredRole")
                                .asString())
                        .as(caller)
                        .isEqualTo("operator"));
    }

    @Test
    void should_answer_409_when_the_name_is_taken_in_the_organization() {
        String org = Tenants.organization(api, "Org " + UUID.randomUUID());
        String server = toolServer();
        String body = "{\"type\": \"http\", \"name\": \"Shop\", \"url\": \"" + Fakes.baseUrl() + server + "\"}";
        assertThat(api.post("/api/v1/organizations/" + org + "/tools", body).status())
                .isEqualTo(201);

        ApiProblems.assertProblem(
                api.post("/api/v1/organizations/" + org + "/tools", body), 409, "tool_source_name_taken");
        String other = Tenants.organization(api, "Org " + UUID.randomUUID());
        assertThat(api.post("/api/v1/organizations/" + other + "/tools", body).status())
                .as("names are unique per organization only")
                .isEqualTo(201);
    }

    @Test
    void should_hide_sources_of_other_organizations() {
        Tenants.WhatsAppBot mine = Tenants.openAiBot(api);
        String theirOrg = Tenants.organization(api, "Org " + UUID.randomUUID());
        String theirs = api.post(
                        "/api/v1/organizations/" + theirOrg + "/tools",
                        "{\"type\": \"http\", \"name\": \"T\"," + " \"url\": \"" + Fakes.baseUrl() + toolServer()
                                + "\"}")
                .text("id");
        String mineTools = "/api/v1/organizations/" + mine.organizationId() + "/tools/";

        ApiProblems.assertProblem(api.get(mineTools + theirs), 404, "tool_source_not_found");
        ApiProblems.assertProblem(api.post(mineTools + theirs + "/refresh", ""), 404, "tool_source_not_found");
        ApiProblems.assertProblem(api.delete(mineTools + theirs), 404, "tool_source_not_found");
        ApiProblems.assertProblem(api.get(mineTools + "not-a-uuid"), 404, "tool_source_not_found");
        ApiProblems.assertProblem(
                api.put("/api/v1/chatbots/" + mine.chatbotId() + "/tools", "{\"sources\": [\"" + theirs + "\"]}"),
                404,
                "tool_source_not_found");
        assertThat(api.get("/api/v1/organizations/" + theirOrg + "/tools/" + theirs)
                        .status())
                .as("still there for its owner")
                .isEqualTo(200);
        assertThat(api.get("/api/v1/organizations/" + mine.organizationId() + "/tools")
                        .json())
                .isEmpty();
    }

    @Test
    void should_answer_404_for_unknown_organizations_and_chatbots() {
        String unknown = UUID.randomUUID().toString();

        assertThat(api.get("/api/v1/organizations/" + unknown + "/tools").status())
                .isEqualTo(404);
        assertThat(api.post(
                                "/api/v1/organizations/" + unknown + "/tools",
                                "{\"type\": \"http\", \"name\": \"x\", \"url\": \"https://a.example\"}")
                        .status())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/chatbots/" + unknown + "/tools").status()).isEqualTo(404);
        assertThat(api.put("/api/v1/chatbots/" + unknown + "/tools", "{\"builtins\": []}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void should_enable_built_ins_and_refuse_unknown_ones() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        String path = "/api/v1/chatbots/" + bot.chatbotId() + "/tools";

        Api.Response enabled = api.put(path, "{\"builtins\": [\"capture_lead\"], \"sources\": []}");
        Api.Response unknown = api.put(path, "{\"builtins\": [\"teleport\"]}");

        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        assertThat(enabled.json().path("builtins").get(0).asString()).isEqualTo("capture_lead");
        assertThat(enabled.json().path("tools").get(0).path("name").asString()).isEqualTo("capture_lead");
        assertThat(enabled.json().path("tools").get(0).path("source").asString())
                .isEqualTo("builtin");
        ApiProblems.assertProblem(unknown, 400, "unknown_tool");
        assertThat(api.get(path).json().path("builtins").get(0).asString())
                .as("unchanged by the refused update")
                .isEqualTo("capture_lead");
    }

    private static String toolServer() {
        String path = "/toolsrv/" + UUID.randomUUID();
        Fakes.wiremock().stubFor(get(urlEqualTo(path + "/tools")).willReturn(okJson("[{\"name\": \"ping\"}]")));
        return path;
    }
}
