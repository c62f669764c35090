import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop load driver for the client message API: {@code POST /client/v1/messages} at a fixed arrival rate, each
 * message from a different user (so every request is one whole turn: stored, debounced, answered by the model,
 * delivered), waiting for the reply in the response. Latency is measured from each request's scheduled send time, so
 * a node that falls behind shows its queueing delay (no coordinated omission).
 *
 * <p>Requests run on virtual threads with the JDK's HTTP client: a turn holds its request for the debounce window
 * plus the model's time, so hundreds are in flight at once, and at turn rates the client's CPU is small beside the
 * node's.
 *
 * java bench/ClientLoad.java --url http://localhost:18090 --key sk_... --rate 50 --duration 30 [--warmup 5]
 */
public class ClientLoad {
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        URI url = URI.create(options.get("url") + "/client/v1/messages?wait=60");
        String key = options.get("key");
        int rate = Integer.parseInt(options.getOrDefault("rate", "20"));
        int duration = Integer.parseInt(options.getOrDefault("duration", "30"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "5"));
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String run = UUID.randomUUID().toString().substring(0, 8);
        run(client, url, key, rate, warmup, run + "w");
        System.out.println(run(client, url, key, rate, duration, run));
    }

    static String run(HttpClient client, URI url, String key, int rate, int seconds, String run) throws Exception {
        int total = rate * seconds;
        long[] latencies = new long[total];
        Arrays.fill(latencies, -1);
        AtomicInteger answered = new AtomicInteger();
        Map<String, Integer> other = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(total);
        long start = System.nanoTime() + 200_000_000L;
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            LockSupport.parkNanos(due - System.nanoTime());
            int n = i;
            Thread.ofVirtual().start(() -> {
                try {
                    String body = "{\"requestId\":\"" + run + "-" + n + "\",\"text\":\"Do you ship to Lisbon? (" + n
                            + ")\",\"user\":{\"externalId\":\"bench-" + run + "-" + n + "\"}}";
                    HttpRequest request = HttpRequest.newBuilder(url)
                            .timeout(Duration.ofSeconds(90))
                            .header("Authorization", "Bearer " + key)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build();
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    latencies[n] = System.nanoTime() - due;
                    if (response.statusCode() == 200 && response.body().contains("\"replies\":[{")) {
                        answered.incrementAndGet();
                    } else {
                        other.merge(String.valueOf(response.statusCode()), 1, Integer::sum);
                    }
                } catch (Exception e) {
                    other.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                } finally {
                    done.countDown();
                }
            });
        }
        long sentBy = System.nanoTime();
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] measured = Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
        return String.format(
                "target=%d/s offered=%.0f/s answered=%d/%d (%.1f turns/s over %.1f s) other=%s "
                        + "p50=%.0fms p90=%.0fms p99=%.0fms max=%.0fms",
                rate,
                total / ((sentBy - start) / 1e9),
                answered.get(),
                total,
                answered.get() / elapsed,
                elapsed,
                other,
                pct(measured, 0.50),
                pct(measured, 0.90),
                pct(measured, 0.99),
                measured.length == 0 ? 0 : measured[measured.length - 1] / 1e6);
    }

    static double pct(long[] sorted, double p) {
        return sorted.length == 0
                ? 0
                : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }
}
