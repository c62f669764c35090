import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Open-loop load driver for Parley's WhatsApp webhook: sends signed text-message webhooks at a fixed arrival rate
 * and reports acknowledge latency measured from each request's scheduled send time, so a server that falls behind
 * shows its queueing delay (no coordinated omission).
 *
 * java bench/WebhookLoad.java --url http://localhost:8080/webhooks/whatsapp --secret S --phone-number-id 123
 *      --rate 1000 --duration 30 [--warmup 5] [--contacts 2000]
 */
public class WebhookLoad {
    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String url = options.get("url");
        String secret = options.get("secret");
        String phoneNumberId = options.get("phone-number-id");
        int rate = Integer.parseInt(options.getOrDefault("rate", "200"));
        int duration = Integer.parseInt(options.getOrDefault("duration", "30"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "5"));
        int contacts = Integer.parseInt(options.getOrDefault("contacts", "2000"));

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        run(http, url, secret, phoneNumberId, rate, warmup, contacts, false);
        Result result = run(http, url, secret, phoneNumberId, rate, duration, contacts, true);
        System.out.println(result);
    }

    record Result(int targetRate, int seconds, int sent, int ok, Map<String, Integer> failures, double achievedRate,
                  double p50, double p90, double p99, double p999, double max) {
        @Override
        public String toString() {
            return String.format("target=%d/s achieved=%.0f/s sent=%d ok=%d failures=%s p50=%.1fms p90=%.1fms "
                    + "p99=%.1fms p99.9=%.1fms max=%.1fms", targetRate, achievedRate, sent, ok, failures, p50, p90,
                    p99, p999, max);
        }
    }

    static Result run(HttpClient http, String url, String secret, String phoneNumberId, int rate, int seconds,
                      int contacts, boolean measure) throws Exception {
        int total = rate * seconds;
        // Signed bodies are built before the clock starts: the driver shares the machine's two cores with Parley.
        byte[][] bodies = new byte[total][];
        String[] signatures = new String[total];
        for (int i = 0; i < total; i++) {
            bodies[i] = payload(phoneNumberId, "1555" + String.format("%07d", i % contacts));
            signatures[i] = sign(bodies[i], secret);
        }
        long[] latencies = new long[total];
        AtomicInteger ok = new AtomicInteger();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        CountDownLatch done = new CountDownLatch(total);
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long scheduled = start + i * intervalNanos;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                int index = i;
                executor.submit(() -> {
                    try {
                        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                                .header("Content-Type", "application/json")
                                .header("X-Hub-Signature-256", signatures[index])
                                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies[index])).build();
                        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                        latencies[index] = System.nanoTime() - scheduled;
                        if (response.statusCode() == 200) {
                            ok.incrementAndGet();
                        } else {
                            failures.merge("http_" + response.statusCode(), 1, Integer::sum);
                        }
                    } catch (Exception e) {
                        latencies[index] = System.nanoTime() - scheduled;
                        failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Result(rate, seconds, total, ok.get(), new TreeMap<>(failures), total / elapsed,
                ms(sorted, 0.50), ms(sorted, 0.90), ms(sorted, 0.99), ms(sorted, 0.999), sorted[total - 1] / 1e6);
    }

    static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    static byte[] payload(String phoneNumberId, String from) {
        String wamid = "wamid.BENCH" + UUID.randomUUID().toString().replace("-", "");
        return ("""
                {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
                "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",
                "phone_number_id":"%s"},"contacts":[{"profile":{"name":"Load"},"wa_id":"%s"}],
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"What are your opening hours?"}}]}}]}]}"""
                .formatted(phoneNumberId, from, from, wamid, System.currentTimeMillis() / 1000))
                .getBytes(StandardCharsets.UTF_8);
    }

    static String sign(byte[] body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        for (String required : new String[] {"url", "secret", "phone-number-id"}) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + " is required");
            }
        }
        return options;
    }
}
