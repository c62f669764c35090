package io.parley.mcp.internal;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link ParleyTool} into the SDK's tool specification. Failures become tool results with
 * {@code isError = true} and a readable text, so the model on the other side can correct itself; they never
 * become JSON-RPC errors.
 */
final class ToolAdapter {
    private static final Logger log = LoggerFactory.getLogger(ToolAdapter.class);

    private ToolAdapter() {}

    static SyncToolSpecification specification(ParleyTool tool, McpJsonMapper json) {
        return SyncToolSpecification.builder()
                .tool(Tool.builder()
                        .name(tool.name())
                        .description(tool.description())
                        .inputSchema(json, tool.inputSchema())
                        .build())
                .callHandler((exchange, request) -> call(
                        tool,
                        json,
                        () -> tool.handler().call(McpCallers.of(exchange), new Arguments(request.arguments()))))
                .build();
    }

    interface Call {
        Object run();
    }

    static CallToolResult call(ParleyTool tool, McpJsonMapper json, Call call) {
        try {
            Object result = call.run();
            return CallToolResult.builder()
                    .addTextContent(write(json, result))
                    .structuredContent(result)
                    .isError(false)
                    .build();
        } catch (ToolError | NotFoundException | InvalidRequestException e) {
            return error(e.getMessage());
        } catch (RuntimeException e) {
            log.error("MCP tool {} failed", tool.name(), e);
            return error("Internal error in tool '" + tool.name() + "'; the operator can find it in Parley's log");
        }
    }

    private static CallToolResult error(String text) {
        return CallToolResult.builder().addTextContent(text).isError(true).build();
    }

    private static String write(McpJsonMapper json, Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
