package io.parley.tools.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.mcp.client.McpCallContext;
import dev.langchain4j.mcp.client.transport.McpOperationHandler;
import dev.langchain4j.mcp.client.transport.McpTransport;
import dev.langchain4j.mcp.protocol.McpClientMessage;
import dev.langchain4j.mcp.protocol.McpInitializationNotification;
import dev.langchain4j.mcp.protocol.McpInitializeRequest;
import dev.langchain4j.mcp.transport.stdio.JsonRpcIoHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * MCP over stdio with a child process that inherits nothing from Parley's environment but what
 * {@link StdioEnvironment} hands it. LangChain4j's {@code StdioMcpTransport} can only add variables to the parent's
 * environment (database URL, master key, provider keys...), so this transport starts the process itself and reuses
 * LangChain4j's JSON-RPC line handler for the protocol. The server's stderr is discarded: it is not ours to log.
 */
final class IsolatedStdioTransport implements McpTransport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> command;
    private final Map<String, String> environment;
    private volatile Process process;
    private volatile JsonRpcIoHandler io;
    private volatile McpOperationHandler handler;

    IsolatedStdioTransport(List<String> command, Map<String, String> environment) {
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
    }

    @Override
    public void start(McpOperationHandler operationHandler) {
        this.handler = operationHandler;
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Starting " + command.getFirst() + " failed: " + e.getMessage(), e);
        }
        process.onExit().thenRun(() -> operationHandler.cancelAllPendingOperations("The MCP server process exited"));
        io = new JsonRpcIoHandler(process.getInputStream(), process.getOutputStream(), operationHandler::handle, false);
        Thread.ofVirtual().name("mcp-stdio-" + process.pid()).start(io);
    }

    @Override
    public CompletableFuture<JsonNode> initialize(McpInitializeRequest request) {
        try {
            String initialized = JSON.writeValueAsString(new McpInitializationNotification());
            return send(JSON.writeValueAsString(request), request.getId())
                    .thenCompose(response -> send(initialized, null).thenApply(ignored -> response));
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CompletableFuture<JsonNode> executeOperationWithResponse(McpClientMessage message) {
        return executeOperationWithResponse(new McpCallContext(null, message));
    }

    @Override
    public CompletableFuture<JsonNode> executeOperationWithResponse(McpCallContext context) {
        try {
            return send(
                    JSON.writeValueAsString(context.message()),
                    context.message().getId());
        } catch (JsonProcessingException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void executeOperationWithoutResponse(McpClientMessage message) {
        executeOperationWithoutResponse(new McpCallContext(null, message));
    }

    @Override
    public void executeOperationWithoutResponse(McpCallContext context) {
        try {
            send(JSON.writeValueAsString(context.message()), null);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("MCP message could not be written", e);
        }
    }

    @Override
    public void checkHealth() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            throw new IllegalStateException("The MCP server process is not running");
        }
    }

    @Override
    public void onFailure(Runnable actionOnFailure) {
        // A stdio server that died is started again by the next call (McpToolSourceClient releases failed clients).
    }

    @Override
    public void close() {
        JsonRpcIoHandler current = io;
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // the process is ended below either way
            }
        }
        Process started = process;
        if (started != null) {
            started.descendants().forEach(ProcessHandle::destroy);
            started.destroy();
        }
    }

    /** Writes one JSON-RPC line; a request (with an id) completes when the handler sees its response. */
    private CompletableFuture<JsonNode> send(String line, Long id) {
        CompletableFuture<JsonNode> response = new CompletableFuture<>();
        if (id != null) {
            handler.startOperation(id, response);
        }
        try {
            io.submit(line);
            if (id == null) {
                response.complete(null);
            }
        } catch (IOException e) {
            response.completeExceptionally(e);
        }
        return response;
    }
}
