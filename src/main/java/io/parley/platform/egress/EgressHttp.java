package io.parley.platform.egress;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client for every URL a tenant configures (tool servers, MCP servers, alert sinks, Slack webhooks, model
 * and embedding servers, knowledge pages). Its name resolver is the {@link EgressPolicy}; it never follows
 * redirects (a caller that wants to checks each hop itself), never retries on its own, and reads bodies with a
 * limit while they stream. One pooled client is shared; each request brings its own timeouts.
 */
public class EgressHttp implements AutoCloseable {
    /** How much of an error response is kept (e.g. for a provider's error code); the rest is never read. */
    public static final long ERROR_BODY_LIMIT = 64 * 1024;

    /** {@code parley.egress.max-connections}'s default. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    private final CloseableHttpClient client;
    private final int maxConnections;

    public EgressHttp(EgressPolicy policy) {
        this(policy, DEFAULT_MAX_CONNECTIONS);
    }

    /**
     * @param maxConnections connections open at once, in all and to one server alike: the pool is a safety cap, never
     *                       the bound that decides how many calls run (model calls have their own per server)
     */
    public EgressHttp(EgressPolicy policy, int maxConnections) {
        this.maxConnections = maxConnections;
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new PolicyDnsResolver(policy))
                .setMaxConnTotal(maxConnections)
                .setMaxConnPerRoute(maxConnections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(10))
                        .setSocketTimeout(Timeout.ofSeconds(60))
                        // retries are off, so a pooled connection the server closed must be noticed before use
                        .setValidateAfterInactivity(TimeValue.ofMilliseconds(500))
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(connections)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofMinutes(1))
                .setUserAgent("Parley")
                .build();
    }

    /** Connect timeout, and response timeout (the longest wait for the answer or for the next bytes of it). */
    public record Timeouts(Duration connect, Duration response) {
        public static Timeouts of(Duration both) {
            return new Timeouts(both, both);
        }
    }

    /**
     * Sends the request and reads the whole answer: a 2xx body up to {@code limit} bytes (past it, the connection is
     * dropped and {@link BodyTooLargeException} thrown), any other body up to {@link #ERROR_BODY_LIMIT}, cut there.
     *
     * @throws EgressRefusedException when the policy refuses every address of the host
     */
    public Response send(HttpUriRequestBase request, Timeouts timeouts, long limit) throws IOException {
        try (Exchange exchange = open(request, timeouts)) {
            boolean successful = exchange.status() / 100 == 2;
            byte[] body = successful ? exchange.readBody(limit) : exchange.readPrefix(ERROR_BODY_LIMIT);
            return new Response(exchange.status(), exchange.headers(), body);
        }
    }

    /** Sends the request and answers only its status; at most a few KB of the body are read, then dropped. */
    public int sendForStatus(HttpUriRequestBase request, Timeouts timeouts) throws IOException {
        try (Exchange exchange = open(request, timeouts)) {
            exchange.readPrefix(4096); // a small body read to its end lets the connection be reused
            return exchange.status();
        }
    }

    /** Sends the request and hands over the open response, for streams (SSE); the caller closes it. */
    public Exchange open(HttpUriRequestBase request, Timeouts timeouts) throws IOException {
        request.setConfig(config(timeouts));
        ClassicHttpResponse response = client.executeOpen(null, request, null);
        return new Exchange(request, response);
    }

    /** How many connections the pool opens at once, in all and to one server. */
    public int maxConnections() {
        return maxConnections;
    }

    /** A LangChain4j HTTP client builder over this client: give it to every LangChain4j model. */
    public dev.langchain4j.http.client.HttpClientBuilder langChain4j() {
        return new LangChainHttpClientBuilder(this);
    }

    @SuppressWarnings("deprecation") // the per-request connect timeout: the pool is shared by callers with their own
    private static RequestConfig config(Timeouts timeouts) {
        Timeout connect = Timeout.of(timeouts.connect().toMillis(), TimeUnit.MILLISECONDS);
        return RequestConfig.custom()
                .setConnectTimeout(connect)
                .setConnectionRequestTimeout(connect)
                .setResponseTimeout(Timeout.of(timeouts.response().toMillis(), TimeUnit.MILLISECONDS))
                .setRedirectsEnabled(false)
                .build();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
