package io.parley.tools.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.parley.platform.OrganizationId;
import io.parley.testing.LoopbackEgress;
import io.parley.tools.ToolSource;
import io.parley.tools.ToolSourceClient;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An MCP server over streamable HTTP on WireMock: JSON-RPC answers (with the request's id) to initialize,
 * tools/list and tools/call, given only with the source's header and session.
 */
class McpHttpToolSourceClientContractTest extends ToolSourceClientContract {
    private static final String AUTHORIZATION = "Bearer " + SECRET;

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final McpToolSourceClient client = new McpToolSourceClient(PROPERTIES, JSON, LoopbackEgress.http());

    @Override
    protected ToolSourceClient client() {
        return client;
    }

    @Override
    protected ToolSource newSource() {
        String path = "/mcp/" + UUID.randomUUID();
        String session = UUID.randomUUID().toString();
        server.stubFor(rpc(path, "initialize").willReturn(result("""
                {"protocolVersion": "{{jsonPath request.body '$.params.protocolVersion'}}",
                 "capabilities": {"tools": {}}, "serverInfo": {"name": "contract", "version": "1.0.0"}}""").withHeader("Mcp-Session-Id", session)));
        server.stubFor(
                rpc(path, "notifications/initialized").willReturn(aResponse().withStatus(202)));
        server.stubFor(
                rpc(path, "ping").withHeader("Mcp-Session-Id", equalTo(session)).willReturn(result("{}")));
        server.stubFor(rpc(path, "tools/list")
                .withHeader("Mcp-Session-Id", equalTo(session))
                .willReturn(result("""
                {"tools": [
                  {"name": "echo", "description": "Echoes a message",
                   "inputSchema": {"type": "object", "properties": {"message": {"type": "string"}},
                                   "required": ["message"]}},
                  {"name": "fail", "description": "Always reports an error",
                   "inputSchema": {"type": "object", "properties": {}}},
                  {"name": "slow", "description": "Answers after a long time",
                   "inputSchema": {"type": "object", "properties": {}}}]}""")));
        server.stubFor(call(path, session, "echo").willReturn(result("""
                {"content": [{"type": "text", "text": "Echo: {{jsonPath request.body '$.params.arguments.message'}}"}],
                 "isError": false}""")));
        server.stubFor(call(path, session, "fail").willReturn(result("""
                {"content": [{"type": "text", "text": "the warehouse is closed"}], "isError": true}""")));
        server.stubFor(call(path, session, "slow").willReturn(result("""
                {"content": [{"type": "text", "text": "late"}], "isError": false}""").withFixedDelay((int)
                TIMEOUT.plusSeconds(2).toMillis())));
        return source("Warehouse " + path, server.baseUrl() + path);
    }

    @Override
    protected ToolSource newUnreachableSource() {
        return source("Closed warehouse", "http://127.0.0.1:1/mcp");
    }

    private static MappingBuilder rpc(String path, String method) {
        return post(urlEqualTo(path))
                .withHeader("Authorization", equalTo(AUTHORIZATION))
                .withRequestBody(matchingJsonPath("$.method", equalTo(method)));
    }

    private static MappingBuilder call(String path, String session, String tool) {
        return rpc(path, "tools/call")
                .withHeader("Mcp-Session-Id", equalTo(session))
                .withRequestBody(matchingJsonPath("$.params.name", equalTo(tool)));
    }

    private static ResponseDefinitionBuilder result(String resultJson) {
        return okJson("{\"jsonrpc\": \"2.0\", \"id\": {{jsonPath request.body '$.id'}}, \"result\": " + resultJson
                        + "}")
                .withTransformers("response-template");
    }

    private static ToolSource source(String name, String url) {
        return new ToolSource(
                UUID.randomUUID(),
                new OrganizationId(UUID.randomUUID()),
                "mcp",
                name,
                "http",
                url,
                List.of(),
                Map.of("Authorization", AUTHORIZATION),
                Map.of(),
                List.of(),
                null);
    }
}
