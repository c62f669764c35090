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
import io.parley.platform.egress.BodyTooLargeException;
import io.parley.platform.egress.EgressHttp;
import io.parley.platform.egress.EgressRefusedException;
import io.parley.platform.egress.Exchange;
import io.parley.platform.egress.HttpStatuses;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;

/**
 * MCP's streamable HTTP transport over the egress policy's client (ADR 24); LangChain4j's own builds a JDK client
 * that resolves names itself. Each message is a POST; the answer is JSON or a stream of server-sent events that
 * ends with the response. The server's session id is sent back on every later request; a 404 for it means the
 * session expired, so the transport initializes again and retries once (as LangChain4j's does). Failures are
 * {@link McpHttpFailure}s that carry status and classification only.
 */
final class EgressMcpTransport implements McpTransport {
    /** One JSON-RPC message (a tool list, a result) past this is no answer a model could use. */
    static final int MAX_MESSAGE_BYTES = 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final Map<String, String> headers;
    private final EgressHttp http;
    private final EgressHttp.Timeouts timeouts;
    private final AtomicReference<String> sessionId = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<JsonNode>> initializing = new AtomicReference<>();
    private final Set<Exchange> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile McpOperationHandler handler;
    private volatile McpInitializeRequest initializeRequest;

    EgressMcpTransport(String url, Map<String, String> headers, EgressHttp http, EgressHttp.Timeouts timeouts) {
        this.url = url;
        this.headers = Map.copyOf(headers);
        this.http = http;
        this.timeouts = timeouts;
    }

    @Override
    public void start(McpOperationHandler operationHandler) {
        this.handler = operationHandler;
    }

    @Override
    public CompletableFuture<JsonNode> initialize(McpInitializeRequest request) {
        this.initializeRequest = request;
        CompletableFuture<JsonNode> initialized = send(request, false);
        initializing.set(initialized);
        // other messages wait for it; once it is done, failed or not, they go on (a failure fails them on its own)
        initialized.whenComplete((response, failure) -> initializing.compareAndSet(initialized, null));
        return initialized.thenCompose(
                response -> send(new McpInitializationNotification(), false).thenApply(ignored -> response));
    }

    @Override
    public CompletableFuture<JsonNode> executeOperationWithResponse(McpClientMessage message) {
        return send(message, false);
    }

    @Override
    public CompletableFuture<JsonNode> executeOperationWithResponse(McpCallContext context) {
        return send(context.message(), false);
    }

    @Override
    public void executeOperationWithoutResponse(McpClientMessage message) {
        send(message, false);
    }

    @Override
    public void executeOperationWithoutResponse(McpCallContext context) {
        send(context.message(), false);
    }

    @Override
    public void checkHealth() {
        // nothing to check between requests: each one opens (or reuses) its own connection
    }

    @Override
    public void onFailure(Runnable actionOnFailure) {
        // there is no long-lived connection whose loss would need reporting
    }

    @Override
    public void close() {
        closed.set(true);
        for (Exchange exchange : open) {
            try {
                exchange.close();
            } catch (IOException ignored) {
                // dropping it is all that is wanted
            }
        }
    }

    /** Sends one message on a virtual thread; the future completes with the answer (null for notifications). */
    private CompletableFuture<JsonNode> send(McpClientMessage message, boolean retry) {
        if (!(message instanceof McpInitializeRequest)) {
            CompletableFuture<JsonNode> pending = initializing.get();
            if (pending != null) {
                pending.handle((response, failure) -> null).join(); // wait; its failure is not this message's
            }
        }
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        Long id = message.getId();
        if (id != null) {
            handler.startOperation(id, future);
        }
        Thread.ofVirtual().name("mcp-http").start(() -> {
            try {
                exchange(message, id, future, retry);
            } catch (McpHttpFailure e) {
                future.completeExceptionally(e);
            } catch (EgressRefusedException e) {
                future.completeExceptionally(new McpHttpFailure("the request was not sent: " + e.reason()));
            } catch (BodyTooLargeException e) {
                future.completeExceptionally(
                        new McpHttpFailure("the server's answer is larger than " + MAX_MESSAGE_BYTES + " bytes"));
            } catch (InterruptedIOException e) {
                future.completeExceptionally(new McpHttpFailure(McpHttpFailure.NO_ANSWER_IN_TIME, e));
            } catch (IOException | RuntimeException e) {
                future.completeExceptionally(
                        closed.get()
                                ? new McpHttpFailure("the connection was closed")
                                : new McpHttpFailure(
                                        "the server could not be reached ("
                                                + e.getClass().getSimpleName() + ")",
                                        e));
            }
        });
        return future;
    }

    private void exchange(McpClientMessage message, Long id, CompletableFuture<JsonNode> future, boolean retry)
            throws IOException {
        try (Exchange exchange = http.open(request(message), timeouts)) {
            open.add(exchange);
            try {
                handle(exchange, message, id, future, retry);
            } finally {
                open.remove(exchange);
            }
        }
    }

    private void handle(
            Exchange exchange, McpClientMessage message, Long id, CompletableFuture<JsonNode> future, boolean retry)
            throws IOException {
        int status = exchange.status();
        if (status == 404 && !(message instanceof McpInitializeRequest) && !retry && initializeRequest != null) {
            sessionId.set(null); // the session expired: start a new one, then send this message once more
            initialize(initializeRequest)
                    .thenCompose(ignored -> send(message, true))
                    .whenComplete((node, failure) -> {
                        if (failure != null) {
                            future.completeExceptionally(failure);
                        } else {
                            future.complete(node);
                        }
                    });
            return;
        }
        if (status / 100 != 2) {
            throw new McpHttpFailure("the server answered " + HttpStatuses.describe(status));
        }
        exchange.header("Mcp-Session-Id").ifPresent(sessionId::set);
        boolean stream = exchange.header("Content-Type")
                .map(type -> type.contains("text/event-stream"))
                .orElse(false);
        if (id != null && stream) {
            SseEvents events = new SseEvents(new BufferedInputStream(exchange.body()), MAX_MESSAGE_BYTES);
            String data;
            while (!future.isDone() && (data = events.next()) != null) {
                dispatch(data);
            }
            if (!future.isDone()) {
                throw new McpHttpFailure("the server's stream ended without an answer");
            }
            return;
        }
        String body = new String(exchange.readBody(MAX_MESSAGE_BYTES), StandardCharsets.UTF_8);
        if (id == null) {
            future.complete(null);
        }
        if (!body.isBlank()) {
            dispatch(body);
        }
    }

    private void dispatch(String json) throws McpHttpFailure {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new McpHttpFailure("the server's answer is not JSON");
        }
        handler.handle(node);
    }

    private HttpPost request(McpClientMessage message) throws McpHttpFailure {
        HttpPost request = new HttpPost(URI.create(url));
        String session = sessionId.get();
        if (session != null && !(message instanceof McpInitializeRequest)) {
            request.setHeader("Mcp-Session-Id", session);
        }
        headers.forEach(request::setHeader);
        request.setHeader("Accept", "application/json, text/event-stream");
        try {
            request.setEntity(new StringEntity(JSON.writeValueAsString(message), ContentType.APPLICATION_JSON));
        } catch (JsonProcessingException e) {
            throw new McpHttpFailure(
                    "the message could not be written (" + e.getClass().getSimpleName() + ")");
        }
        return request;
    }
}
