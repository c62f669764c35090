package io.parley.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two origins on loopback for the widget alone, without Parley: a "site" that serves a host page with the script
 * tag, and a fake "Parley" that serves the real {@code /widget.js} and answers the client API the way the test
 * scripts it (streamed replies, problems, dropped connections), recording every request. For what the widget does
 * with answers that are hard to provoke from the real server; the real server is in WidgetBrowserTest.
 */
final class FakeClientApi implements AutoCloseable {
    static final String KEY = "pk_test_fake";
    static final String TOKEN = "ct-fake";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CLOSE = "\u0000close";

    /** How the fake answers one POST /client/v1/messages. */
    interface Answer {
        void write(HttpExchange exchange, JsonNode request) throws IOException, InterruptedException;
    }

    record EventsConnection(String lastEventId, String conversationToken) {}

    private final HttpServer parley;
    private final HttpServer site;
    private final byte[] widget;
    final List<JsonNode> posts = new CopyOnWriteArrayList<>();
    final List<EventsConnection> eventConnections = new CopyOnWriteArrayList<>();
    final ConcurrentLinkedDeque<Answer> answers = new ConcurrentLinkedDeque<>();
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final AtomicInteger generation = new AtomicInteger();
    private volatile boolean closed;
    volatile String settings = "{\"title\": \"Shop help\", \"color\": \"#0a7d45\","
            + " \"welcomeMessage\": \"Hi! **Ask** me anything.\", \"avatarUrl\": \"https://127.0.0.1:9/bot.png\", \"acceptGuests\": true}";
    volatile String history = "[]";
    volatile int settingsStatus = 200;
    volatile String hostPageExtra = "";

    FakeClientApi() throws IOException {
        this.widget = new WidgetScript().script();
        this.parley = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        parley.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        site.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        parley.createContext("/", this::parley);
        site.createContext("/", this::site);
        parley.start();
        site.start();
    }

    String parleyOrigin() {
        return "http://localhost:" + parley.getAddress().getPort();
    }

    String siteOrigin() {
        return "http://127.0.0.1:" + site.getAddress().getPort();
    }

    /** Sends one SSE frame on the open event stream (and on the next one if none is open). */
    void pushEvent(String id, String author, String text) {
        events.add("id: " + id + "\nevent: message\ndata: "
                + JSON.writeValueAsString(
                        Map.of("id", id, "author", author, "text", text, "createdAt", "2026-12-07T08:00:00Z"))
                + "\n\n");
    }

    /** Ends the open event stream, as a proxy's timeout would. */
    void endEventStream() {
        events.add(CLOSE);
    }

    @Override
    public void close() {
        closed = true;
        parley.stop(0);
        site.stop(0);
    }

    // ----------------------------------------------------------------------------------------------- answers

    static Answer reply(String conversationId, String messageId, String text) {
        return streamed(conversationId, messageId, List.of(text), null);
    }

    /** accepted, one delta per part, the whole message, done; waits for {@code hold} after the first delta. */
    static Answer streamed(String conversationId, String messageId, List<String> parts, CountDownLatch hold) {
        return (exchange, request) -> {
            OutputStream out = sse(exchange);
            frame(
                    out,
                    "accepted",
                    Map.of(
                            "requestId",
                            request.path("requestId").asString(),
                            "conversationId",
                            conversationId,
                            "contactId",
                            "contact-1",
                            "sessionId",
                            "session-1",
                            "conversationToken",
                            TOKEN));
            for (int i = 0; i < parts.size(); i++) {
                frame(out, "delta", Map.of("text", parts.get(i)));
                if (i == 0 && hold != null && !hold.await(20, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the stream");
                }
            }
            frame(out, "message", Map.of("id", messageId, "text", String.join("", parts)));
            frame(out, "done", Map.of());
            out.close();
        };
    }

    static Answer problem(int status, String code, String retryAfterSeconds) {
        return (exchange, request) -> {
            if (retryAfterSeconds != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfterSeconds);
            }
            json(exchange, status, Map.of("type", "about:blank", "status", status, "code", code, "title", code));
        };
    }

    /** The stream opens and breaks before the server said it accepted the message. */
    static Answer brokenStream() {
        return (exchange, request) -> {
            OutputStream out = sse(exchange);
            out.write(": hello\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            exchange.close();
        };
    }

    /** What Parley answers a repeated requestId whose first turn completed: the original response. */
    static Answer duplicateOf(String conversationId, String messageId, String text) {
        return (exchange, request) -> json(
                exchange,
                409,
                Map.of(
                        "code",
                        "duplicate_request",
                        "status",
                        409,
                        "original",
                        Map.of(
                                "requestId",
                                request.path("requestId").asString(),
                                "conversationId",
                                conversationId,
                                "conversationToken",
                                TOKEN,
                                "replies",
                                List.of(Map.of("id", messageId, "text", text)))));
    }

    // ------------------------------------------------------------------------------------------------ servers

    private void site(HttpExchange exchange) throws IOException {
        String page = """
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A shop</title></head>
                <body><h1>A shop</h1><a id="home" href="#top">Shop home</a>%s
                <script src="%s/widget.js" data-parley-key="%s" async></script></body></html>""".formatted(hostPageExtra, parleyOrigin(), KEY);
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private void parley(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (origin != null) {
                exchange.getResponseHeaders().add("Access-Control-Allow-Origin", origin);
                exchange.getResponseHeaders().add("Access-Control-Expose-Headers", "Retry-After");
            }
            if (method.equals("OPTIONS")) {
                exchange.getResponseHeaders().add("Access-Control-Allow-Methods", "GET, POST");
                exchange.getResponseHeaders()
                        .add(
                                "Access-Control-Allow-Headers",
                                "Authorization, Content-Type, Accept, X-Conversation-Token, Last-Event-ID");
                exchange.sendResponseHeaders(204, -1);
                exchange.close();
            } else if (path.equals("/widget.js")) {
                exchange.getResponseHeaders().add("Content-Type", "application/javascript");
                exchange.sendResponseHeaders(200, widget.length);
                exchange.getResponseBody().write(widget);
                exchange.close();
            } else if (path.equals("/client/v1/widget")) {
                raw(
                        exchange,
                        settingsStatus,
                        settingsStatus == 200
                                ? settings
                                : "{\"code\": \"origin_not_allowed\", \"status\": " + settingsStatus + "}");
            } else if (path.equals("/client/v1/messages") && method.equals("POST")) {
                JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
                posts.add(request);
                Answer answer = answers.poll();
                if (answer == null) {
                    answer = reply("conv-1", "m-" + posts.size(), "Answer " + posts.size());
                }
                answer.write(exchange, request);
            } else if (path.endsWith("/messages") && method.equals("GET")) {
                boolean allowed = TOKEN.equals(exchange.getRequestHeaders().getFirst("X-Conversation-Token"));
                raw(exchange, allowed ? 200 : 403, allowed ? history : "{\"code\": \"invalid_conversation_token\"}");
            } else if (path.endsWith("/events")) {
                events(exchange);
            } else {
                raw(exchange, 404, "{\"code\": \"not_found\"}");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.close();
        } catch (IOException e) {
            exchange.close();
        }
    }

    private void events(HttpExchange exchange) throws IOException, InterruptedException {
        eventConnections.add(new EventsConnection(
                exchange.getRequestHeaders().getFirst("Last-Event-ID"),
                exchange.getRequestHeaders().getFirst("X-Conversation-Token")));
        int mine = generation.incrementAndGet();
        OutputStream out = sse(exchange);
        out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
        // Only the newest connection takes events, so a reloaded page's dead stream never swallows one.
        while (true) {
            if (closed || mine != generation.get()) {
                exchange.close();
                return;
            }
            String frame = events.poll(300, TimeUnit.MILLISECONDS);
            if (frame == null) {
                out.write(": ping\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                continue;
            }
            if (frame.equals(CLOSE)) {
                out.close();
                return;
            }
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    private static OutputStream sse(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().add("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        return exchange.getResponseBody();
    }

    private static void frame(OutputStream out, String event, Object data) throws IOException {
        out.write(("event: " + event + "\ndata: " + JSON.writeValueAsString(data) + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        raw(exchange, status, JSON.writeValueAsString(body));
    }

    private static void raw(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders()
                .add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
