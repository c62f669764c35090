import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An OpenAI-compatible chat model that answers at once (optionally after a fixed delay), for turn benchmarks: the
 * node under test spends its own time, not a provider's. It answers {@code POST /v1/chat/completions}, streamed
 * (server-sent chunks) when the request asks for {@code "stream": true}, and reports how many calls it served and
 * how long it held them on {@code GET /stats} ({@code calls=N heldMs=M}), so a benchmark can subtract the model's
 * own time from what its clients saw.
 *
 * java bench/InstantModel.java --port 18091 [--delay-ms 0]
 */
public class InstantModel {
    private static final String REPLY = "Thanks for your message. We ship within two working days.";
    private static final AtomicLong CALLS = new AtomicLong();
    private static final AtomicLong HELD_NANOS = new AtomicLong();

    public static void main(String[] args) throws IOException {
        int port = 18091;
        long delayMs = 0;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--delay-ms" -> delayMs = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long delay = delayMs;
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/v1/chat/completions", exchange -> answer(exchange, delay));
        server.createContext(
                "/stats",
                exchange -> send(
                        exchange,
                        200,
                        "text/plain",
                        "calls=" + CALLS.get() + " heldMs=" + HELD_NANOS.get() / 1_000_000));
        server.start();
        System.out.println("instant model on 127.0.0.1:" + port + " delay " + delayMs + " ms");
    }

    private static void answer(HttpExchange exchange, long delayMs) throws IOException {
        long start = System.nanoTime();
        String request = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (delayMs > 0) {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        boolean stream = request.replace(" ", "").contains("\"stream\":true");
        String usage = "\"usage\":{\"prompt_tokens\":42,\"completion_tokens\":12,\"total_tokens\":54}";
        if (stream) {
            StringBuilder body = new StringBuilder();
            for (String word : REPLY.split("(?<= )")) {
                body.append(
                                "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"instant\","
                                        + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"")
                        .append(word)
                        .append("\"},\"finish_reason\":null}]}\n\n");
            }
            body.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"instant\","
                            + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],")
                    .append(usage)
                    .append("}\n\n");
            body.append("data: [DONE]\n\n");
            send(exchange, 200, "text/event-stream", body.toString());
        } else {
            send(
                    exchange,
                    200,
                    "application/json",
                    "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":0,"
                            + "\"model\":\"instant\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                            + REPLY + "\"},\"finish_reason\":\"stop\"}]," + usage + "}");
        }
        CALLS.incrementAndGet();
        HELD_NANOS.addAndGet(System.nanoTime() - start);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
