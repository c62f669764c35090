package io.parley.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import io.parley.testing.Api;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The official MCP Java SDK client on Parley's {@code /mcp}, as Claude Desktop or the Inspector would connect. */
final class McpTestClient implements AutoCloseable {
    private final McpSyncClient client;

    private McpTestClient(McpSyncClient client) {
        this.client = client;
    }

    static McpTestClient connect(int port, String token) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(
                        "http://localhost:" + port)
                .endpoint("/mcp")
                .httpRequestCustomizer(
                        (request, method, uri, body, context) -> request.header("Authorization", "Bearer " + token))
                .build();
        McpSyncClient client = McpClient.sync(transport)
                .requestTimeout(Duration.ofSeconds(20))
                .initializationTimeout(Duration.ofSeconds(20))
                .build();
        try {
            client.initialize();
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return new McpTestClient(client);
    }

    McpSyncClient sdk() {
        return client;
    }

    CallToolResult call(String tool, Map<String, Object> arguments) {
        return client.callTool(new CallToolRequest(tool, arguments));
    }

    /** Calls a tool that must succeed; returns its JSON text as a tree. */
    JsonNode ok(String tool, Map<String, Object> arguments) {
        CallToolResult result = call(tool, arguments);
        assertThat(result.isError()).as(text(result)).isFalse();
        return Api.json().readTree(text(result));
    }

    /** Calls a tool that must fail; returns its error text. */
    String error(String tool, Map<String, Object> arguments) {
        CallToolResult result = call(tool, arguments);
        assertThat(result.isError()).as(text(result)).isTrue();
        return text(result);
    }

    static String text(CallToolResult result) {
        return ((TextContent) result.content().getFirst()).text();
    }

    @Override
    public void close() {
        client.close();
    }
}
