package io.parley.platform.egress;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.Api;
import io.parley.testing.ApiProblems;
import io.parley.testing.Fakes;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What comes back from a tenant-configured server stays out of API errors (a tenant could point a URL at an internal
 * service and read its answers in them), and a body larger than its limit is cut off while it streams.
 */
class EgressAnswersIntegrationTest extends IntegrationTestSupport {
    private static final String SECRET = "sk-live-INTERNAL-7c1e99f0";

    @Test
    void should_keep_the_servers_answer_out_of_the_problem_when_an_http_tool_source_answers_500() {
        String org = Tenants.organization(api, "Org " + UUID.randomUUID());
        String path = "/internal-" + UUID.randomUUID();
        Fakes.wiremock()
                .stubFor(get(urlEqualTo(path + "/tools"))
                        .willReturn(aResponse()
                                .withStatus(500)
                                .withBody("{\"error\": \"db password rejected\", \"token\": \"" + SECRET + "\"}")));

        Api.Response refused = api.post(
                "/api/v1/organizations/" + org + "/tools",
                "{\"type\": \"http\", \"name\": \"Internal\", \"url\": \"" + Fakes.baseUrl() + path + "\"}");

        JsonNode problem = ApiProblems.assertProblem(refused, 422, "tool_source_unreachable");
        assertThat(problem.path("reason").asString())
                .isEqualTo("GET " + path + "/tools answered HTTP 500 (server error)");
        assertThat(refused.body()).doesNotContain(SECRET).doesNotContain("password");
    }

    @Test
    void should_keep_the_servers_answer_out_of_the_problem_when_an_http_tool_list_is_not_json() {
        String org = Tenants.organization(api, "Org " + UUID.randomUUID());
        String path = "/internal-" + UUID.randomUUID();
        Fakes.wiremock()
                .stubFor(get(urlEqualTo(path + "/tools"))
                        .willReturn(aResponse().withStatus(200).withBody("root:x:0:0:" + SECRET + ":/root:/bin/sh")));

        Api.Response refused = api.post(
                "/api/v1/organizations/" + org + "/tools",
                "{\"type\": \"http\", \"name\": \"Internal\", \"url\": \"" + Fakes.baseUrl() + path + "\"}");

        ApiProblems.assertProblem(refused, 422, "tool_source_unreachable");
        assertThat(refused.body()).doesNotContain(SECRET).doesNotContain("root:x");
    }

    @Test
    void should_keep_the_servers_answer_out_of_the_problem_when_an_mcp_server_answers_500_or_a_json_rpc_error() {
        String org = Tenants.organization(api, "Org " + UUID.randomUUID());
        String failing = "/mcp-500-" + UUID.randomUUID();
        String erring = "/mcp-rpc-" + UUID.randomUUID();
        Fakes.wiremock()
                .stubFor(post(urlEqualTo(failing))
                        .willReturn(aResponse().withStatus(500).withBody("internal error: " + SECRET)));
        Fakes.wiremock()
                .stubFor(post(urlEqualTo(erring))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "application/json")
                                .withTransformers("response-template")
                                .withBody("""
                        {"jsonrpc": "2.0", "id": {{jsonPath request.body '$.id'}},
                         "error": {"code": -32603, "message": "%s"}}""".formatted(SECRET))));

        // LangChain4j 1.18 trips over an error answer to tools/list itself; either way only our words come back
        Map<String, String> reasons = Map.of(
                failing,
                ".*: the server answered HTTP 500 \\(server error\\)",
                erring,
                ".*: (the server answered with JSON-RPC error -32603|the server's answer could not be used "
                        + "\\(\\w+\\))");
        reasons.forEach((path, reason) -> {
            Api.Response refused = api.post(
                    "/api/v1/organizations/" + org + "/tools",
                    "{\"type\": \"mcp\", " + "\"name\": \"Internal\", \"transport\": \"http\", \"url\": \""
                            + Fakes.baseUrl() + path + "\"}");

            JsonNode problem = ApiProblems.assertProblem(refused, 422, "tool_source_unreachable");
            assertThat(problem.path("reason").asString()).as(path).matches(reason);
            assertThat(refused.body()).as(path).doesNotContain(SECRET);
        });
    }

    @Test
    void should_fail_a_page_larger_than_the_limit_sent_in_chunks_without_a_length() {
        String org = Tenants.organization(api, "Org " + UUID.randomUUID());
        Api.Response bot = api.post(
                "/api/v1/organizations/" + org + "/chatbots",
                "{\"name\": \"K\", \"systemPrompt\": \"Hi.\", \"model\": {\"provider\": \"offline\"}}");
        String path = "/huge-" + UUID.randomUUID() + ".html";
        // 24 MB against the tests' 2 MB limit, chunked (no Content-Length): only reading can tell the size
        byte[] page = ("<html><body>" + "<p>filler text</p>".repeat(24 * 1024 * 1024 / 18) + "</body></html>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Fakes.wiremock()
                .stubFor(get(urlEqualTo(path))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", "text/html")
                                .withBody(page)
                                .withChunkedDribbleDelay(200, 1000)));
        String sources = "/api/v1/chatbots/" + bot.text("id") + "/knowledge/sources";

        Api.Response added = api.post(sources, "{\"type\": \"url\", \"url\": \"" + Fakes.baseUrl() + path + "\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode source = api.get(sources + "/" + added.text("id")).json();
            assertThat(source.path("status").asString()).isEqualTo("failed");
            assertThat(source.path("error").asString()).contains("larger than 2 MB");
            assertThat(source.path("size").asLong()).isZero();
        });
    }
}
