package io.parley.tools.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.internal.JsonSchemaElementJsonUtils;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.McpTransport;
import dev.langchain4j.service.tool.ToolExecutionResult;
import io.parley.llm.ToolSpec;
import io.parley.platform.egress.EgressHttp;
import io.parley.tools.ToolContext;
import io.parley.tools.ToolSource;
import io.parley.tools.ToolSourceClient;
import io.parley.tools.ToolsProperties;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * MCP servers through LangChain4j's MCP client: streamable HTTP (our {@link EgressMcpTransport}, through the egress
 * policy), or stdio (a process on this server, only when the operator enabled it, started with a cleared environment
 * by {@link IsolatedStdioTransport}). One client per source, kept open between calls and closed when the source is
 * deleted or refreshed, and at shutdown (which also ends stdio processes). Registration and refresh errors of HTTP
 * sources reach API callers, so they carry only Parley's own classification; what a server answers to a tool call (a
 * result, an error result, a JSON-RPC error) is the tool's output and goes to the model and the execution record.
 */
@Component
class McpToolSourceClient implements ToolSourceClient {
    private static final Logger log = LoggerFactory.getLogger(McpToolSourceClient.class);

    private final ToolsProperties properties;
    private final JsonMapper json;
    private final EgressHttp http;
    private final Map<UUID, McpClient> clients = new ConcurrentHashMap<>();
    /**
     * LangChain4j answers a tool call past its timeout with an ordinary (not error) result carrying this text; the
     * nonce keeps a server from sending it, so only a real timeout fails as one.
     */
    private final String timedOut = "no answer in time " + UUID.randomUUID();

    McpToolSourceClient(ToolsProperties properties, JsonMapper json, EgressHttp http) {
        this.properties = properties;
        this.json = json;
        this.http = http;
    }

    @Override
    public String type() {
        return "mcp";
    }

    @Override
    public List<ToolSpec> discover(ToolSource source) throws IOException {
        try {
            return client(source).listTools().stream().map(this::toSpec).toList();
        } catch (RuntimeException e) {
            release(source);
            throw new IOException("Listing the tools of " + source.name() + " failed: " + reason(source, e), e);
        }
    }

    @Override
    public String call(ToolSource source, String tool, String argumentsJson, ToolContext context) throws IOException {
        McpClient client = client(source);
        ToolExecutionResult result;
        try {
            result = client.executeTool(ToolExecutionRequest.builder()
                    .id(UUID.randomUUID().toString())
                    .name(tool)
                    .arguments(argumentsJson)
                    .build());
        } catch (dev.langchain4j.exception.ToolExecutionException e) {
            throw transportTimedOut(e) ? noAnswer(tool, e) : new IOException(reason(e), e);
        } catch (RuntimeException e) {
            // The connection may be gone (server restarted): the next call starts a fresh client.
            release(source);
            throw transportTimedOut(e)
                    ? noAnswer(tool, e)
                    : new IOException("Calling " + source.name() + " failed: " + reason(e), e);
        }
        // Two clocks end the same wait: the client's execution timeout and the transport's read
        // timeout. Whichever fires first, the caller is told the same thing.
        if (timedOut.equals(result.resultText()) || McpHttpFailure.NO_ANSWER_IN_TIME.equals(result.resultText())) {
            throw noAnswer(tool, null);
        }
        if (result.isError()) {
            throw new IOException(result.resultText() == null ? "the tool reported an error" : result.resultText());
        }
        return result.resultText() == null ? "" : result.resultText();
    }

    @Override
    public void release(ToolSource source) {
        close(source.id(), clients.remove(source.id()));
    }

    @PreDestroy
    void closeAll() {
        clients.keySet().forEach(id -> close(id, clients.remove(id)));
    }

    private McpClient client(ToolSource source) throws IOException {
        McpClient existing = clients.get(source.id());
        if (existing != null) {
            return existing;
        }
        McpTransport transport = transport(source);
        try {
            McpClient created = new DefaultMcpClient.Builder()
                    .key(source.id().toString())
                    .clientName("parley")
                    .transport(transport)
                    .initializationTimeout(properties.timeout())
                    .toolExecutionTimeout(properties.timeout())
                    .toolExecutionTimeoutErrorMessage(timedOut)
                    .cacheToolList(false)
                    .build();
            McpClient raced = clients.putIfAbsent(source.id(), created);
            if (raced != null) {
                close(source.id(), created);
                return raced;
            }
            return created;
        } catch (RuntimeException e) {
            transport.close();
            throw new IOException("Connecting to " + source.name() + " failed: " + reason(source, e), e);
        }
    }

    private McpTransport transport(ToolSource source) throws IOException {
        if ("stdio".equals(source.transport())) {
            if (!properties.mcpStdioEnabled()) {
                throw new IOException("MCP stdio sources are disabled on this server "
                        + "(the operator can enable them with PARLEY_TOOLS_MCPSTDIOENABLED=true)");
            }
            return new IsolatedStdioTransport(
                    source.command(), StdioEnvironment.forChild(System.getenv(), source.env()));
        }
        return new EgressMcpTransport(
                source.url(),
                source.headers(),
                http,
                new EgressHttp.Timeouts(properties.connectTimeout(), properties.timeout()));
    }

    /** LangChain4j parses the server's input schema; it is turned back into JSON Schema text for our validator. */
    private ToolSpec toSpec(ToolSpecification tool) {
        String schema = tool.parameters() == null
                ? null
                : json.writeValueAsString(JsonSchemaElementJsonUtils.toMap(tool.parameters()));
        return new ToolSpec(tool.name(), tool.description(), schema);
    }

    private static void close(UUID id, McpClient client) {
        if (client == null) {
            return;
        }
        try {
            client.close();
        } catch (Exception e) {
            log.warn(
                    "Closing the MCP client of tool source {} failed: {}",
                    id,
                    e.getClass().getSimpleName());
        }
    }

    /** For API callers: an HTTP source's failure in Parley's words only (its server's could be anyone's). */
    private static String reason(ToolSource source, Throwable e) {
        if ("stdio".equals(source.transport())) {
            return reason(e);
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof McpHttpFailure failure) {
                return failure.getMessage();
            }
            if (t instanceof java.util.concurrent.TimeoutException
                    || t instanceof dev.langchain4j.exception.TimeoutException) {
                return McpHttpFailure.NO_ANSWER_IN_TIME;
            }
            if (t instanceof dev.langchain4j.mcp.client.McpException rpc) {
                return "the server answered with JSON-RPC error " + rpc.errorCode();
            }
        }
        return "the server's answer could not be used (" + e.getClass().getSimpleName() + ")";
    }

    private IOException noAnswer(String tool, Throwable cause) {
        return new IOException(
                tool + " did not answer within " + properties.timeout().toSeconds() + " s", cause);
    }

    /** The transport's read timeout, as a cause or as the message LangChain4j passed on. */
    private static boolean transportTimedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (McpHttpFailure.NO_ANSWER_IN_TIME.equals(t.getMessage())) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable e) {
        Throwable cause = e;
        while ((cause.getMessage() == null || cause.getMessage().isBlank()) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.length() <= 300 ? message : message.substring(0, 300) + "…";
    }
}
