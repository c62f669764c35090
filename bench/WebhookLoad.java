import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Open-loop load driver for Parley's WhatsApp webhook: sends signed text-message webhooks at a fixed arrival rate
 * and reports acknowledge latency measured from each request's scheduled send time, so a server that falls behind
 * shows its queueing delay (no coordinated omission).
 *
 * <p>It shares the machine with the node it measures, so it is built to cost little CPU: every request (headers,
 * body, signature) is prebuilt as bytes before the clock starts, and a fixed set of keep-alive HTTP/1.1 connections
 * (one platform thread each, blocking I/O) write them and read the status line. A request whose scheduled time has
 * come waits in a queue for a free connection, and that wait counts in its latency. (The JDK's HttpClient cost
 * about 0.8 ms of CPU per request here, as much as the node's own work per webhook.)
 *
 * java bench/WebhookLoad.java --url http://localhost:8080/webhooks/whatsapp --secret S --phone-number-id 123
 *      --rate 1000 --duration 30 [--warmup 5] [--contacts 20000] [--connections 64]
 */
public class WebhookLoad {
    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        URI url = URI.create(options.get("url"));
        String secret = options.get("secret");
        String phoneNumberId = options.get("phone-number-id");
        int rate = Integer.parseInt(options.getOrDefault("rate", "200"));
        int duration = Integer.parseInt(options.getOrDefault("duration", "30"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "5"));
        int contacts = Integer.parseInt(options.getOrDefault("contacts", "20000"));
        int connections = Integer.parseInt(options.getOrDefault("connections", "64"));

        run(url, secret, phoneNumberId, rate, warmup, contacts, connections);
        System.out.println(run(url, secret, phoneNumberId, rate, duration, contacts, connections));
    }

    record Result(
            int targetRate,
            int seconds,
            int sent,
            int ok,
            Map<String, Integer> failures,
            double achievedRate,
            double p50,
            double p90,
            double p99,
            double p999,
            double max) {
        @Override
        public String toString() {
            return String.format(
                    "target=%d/s achieved=%.0f/s sent=%d ok=%d failures=%s p50=%.1fms p90=%.1fms "
                            + "p99=%.1fms p99.9=%.1fms max=%.1fms",
                    targetRate, achievedRate, sent, ok, failures, p50, p90, p99, p999, max);
        }
    }

    static Result run(
            URI url, String secret, String phoneNumberId, int rate, int seconds, int contacts, int connections)
            throws Exception {
        int total = rate * seconds;
        // Requests are built before the clock starts: the driver shares the machine's two cores with Parley.
        byte[][] requests = new byte[total][];
        for (int i = 0; i < total; i++) {
            byte[] body = payload(phoneNumberId, "1555" + String.format("%07d", i % contacts));
            requests[i] = request(url, body, sign(body, secret));
        }
        long[] scheduled = new long[total];
        long[] latencies = new long[total];
        AtomicInteger ok = new AtomicInteger();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        BlockingQueue<Integer> due = new LinkedBlockingQueue<>();
        Thread[] workers = new Thread[connections];
        for (int c = 0; c < connections; c++) {
            workers[c] = Thread.ofPlatform().daemon().start(() -> {
                Connection connection = new Connection(url);
                while (true) {
                    int index;
                    try {
                        index = due.take();
                    } catch (InterruptedException e) {
                        return;
                    }
                    if (index < 0) {
                        connection.close();
                        return;
                    }
                    try {
                        int status = connection.exchange(requests[index]);
                        latencies[index] = System.nanoTime() - scheduled[index];
                        if (status == 200) {
                            ok.incrementAndGet();
                        } else {
                            failures.merge("http_" + status, 1, Integer::sum);
                        }
                    } catch (IOException e) {
                        latencies[index] = System.nanoTime() - scheduled[index];
                        failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                        connection.close();
                    }
                }
            });
        }
        long intervalNanos = 1_000_000_000L / rate;
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < total; i++) {
            scheduled[i] = start + i * intervalNanos;
            long wait = scheduled[i] - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            due.add(i);
        }
        for (int c = 0; c < connections; c++) {
            due.add(-1);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        return new Result(
                rate,
                seconds,
                total,
                ok.get(),
                new TreeMap<>(failures),
                total / elapsed,
                ms(sorted, 0.50),
                ms(sorted, 0.90),
                ms(sorted, 0.99),
                ms(sorted, 0.999),
                sorted[total - 1] / 1e6);
    }

    /** One keep-alive HTTP/1.1 connection; reopened after the server closes it or an error. */
    static final class Connection {
        private final URI url;
        private Socket socket;
        private OutputStream out;
        private InputStream in;

        Connection(URI url) {
            this.url = url;
        }

        int exchange(byte[] request) throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(30_000);
                socket.connect(new InetSocketAddress(url.getHost(), url.getPort()), 5_000);
                out = socket.getOutputStream();
                in = new BufferedInputStream(socket.getInputStream(), 8192);
            }
            out.write(request);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = 0;
            boolean close = false;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase();
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line().trim(), 16);
                        size > 0;
                        size = Long.parseLong(line().trim(), 16)) {
                    in.skipNBytes(size);
                    line();
                }
                line();
            } else {
                in.skipNBytes(length);
            }
            if (close) {
                close();
            }
            return status;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("connection closed by the server");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }
    }

    static byte[] request(URI url, byte[] body, String signature) {
        byte[] head = ("POST " + url.getRawPath() + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                        + "\r\nContent-Type: application/json\r\nX-Hub-Signature-256: " + signature
                        + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        return request;
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
                "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text","text":{"body":"What are your opening hours?"}}]}}]}]}""".formatted(phoneNumberId, from, from, wamid, System.currentTimeMillis() / 1000))
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
