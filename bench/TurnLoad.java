import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-loop turn benchmark: signed WhatsApp text webhooks arrive at a fixed rate, each from a contact that has not
 * written before (so each is one whole turn: store, quiet window, model, reply, outbox, delivery), and the replies
 * are received by a fake Graph API in this same process — so the end-to-end latency, from a message's scheduled
 * send time to the moment its reply reaches the Graph API, is measured on one clock, with no coordinated omission.
 *
 * <p>It reuses {@link WebhookLoad}'s cheap driver (prebuilt signed requests, keep-alive sockets) and runs a ladder
 * of rates in one process, because the fake Graph API must stay up between steps. After each step it waits for
 * the step's replies to drain, then reports turns/s, latency p50/p90/p99/max, CPU per turn of Parley and of all
 * PostgreSQL processes (from /proc), statements per turn (pg_stat_statements of the bench database, through psql),
 * Parley's heap after the step, and checks that every message got exactly one reply (a duplicate or a lost reply is
 * printed and makes the exit status 1).
 *
 * <p>With {@code --burst 2 --burst-gap-ms 200} every contact writes twice, 200 ms apart, and must still get exactly
 * one reply; latency is then measured from the burst's last message.
 *
 * <pre>
 * <p>Several nodes: {@code --url} and {@code --parley-pid} take comma-separated lists; connection c sends to node
 * c mod n, CPU is summed and heaps are listed per node.
 *
 * java bench/TurnLoad.java --url http://localhost:18090/webhooks/whatsapp --secret S --phone-number-id 123
 *      --graph-port 18092 --rates 50,100,200 --duration 20 [--warmup-rate 30 --warmup 20] [--burst 1]
 *      [--burst-gap-ms 200] [--parley-pid N] [--database parley_bench_turn] [--drain 30] [--connections 64]
 *      [--status-rate 3000 --status-prefix wamid.CAMPAIGN --status-ids 60000]
 * </pre>
 *
 * <p>With {@code --status-rate}, status webhooks (sent, delivered, read for each of {@code --status-ids} campaign
 * messages whose provider ids the script seeded) arrive at that rate during all measured steps, as a campaign's
 * reports would, and their acknowledge latency is reported at the end.
 */
public class TurnLoad {
    private static final Map<String, Long> REPLIED_AT = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> REPLIES = new ConcurrentHashMap<>();
    private static final AtomicLong TYPING = new AtomicLong();
    private static final AtomicLong WAMIDS = new AtomicLong();
    /** The nodes webhooks go to (connection c talks to node c mod n) and their process ids (CPU and heap summed). */
    private static URI[] TARGETS;

    private static long[] PIDS = {0};

    public static void main(String[] args) throws Exception {
        try {
            ladder(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(2); // the fake Graph API's thread would keep the process alive
        }
    }

    private static void ladder(String[] args) throws Exception {
        Map<String, String> options = WebhookLoad.options(args);
        String[] urls = options.get("url").split(",");
        URI url = URI.create(urls[0]);
        TARGETS = java.util.Arrays.stream(urls).map(URI::create).toArray(URI[]::new);
        String secret = options.get("secret");
        String phone = options.get("phone-number-id");
        int graphPort = Integer.parseInt(options.getOrDefault("graph-port", "18092"));
        int duration = Integer.parseInt(options.getOrDefault("duration", "20"));
        int burst = Integer.parseInt(options.getOrDefault("burst", "1"));
        int burstGapMs = Integer.parseInt(options.getOrDefault("burst-gap-ms", "200"));
        int drain = Integer.parseInt(options.getOrDefault("drain", "30"));
        int connections = Integer.parseInt(options.getOrDefault("connections", "64"));
        PIDS = java.util.Arrays.stream(options.getOrDefault("parley-pid", "0").split(","))
                .mapToLong(Long::parseLong)
                .toArray();
        long parleyPid = PIDS[0];
        String database = options.getOrDefault("database", "");
        double stopAbove = Double.parseDouble(options.getOrDefault("stop-p99-ms", "10000"));

        HttpServer graph = HttpServer.create(new InetSocketAddress("127.0.0.1", graphPort), 1024);
        graph.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        graph.createContext("/", TurnLoad::graph);
        graph.start();

        Step.counter = 0;
        int warmupRate = Integer.parseInt(options.getOrDefault("warmup-rate", "0"));
        if (warmupRate > 0) {
            int warmup = Integer.parseInt(options.getOrDefault("warmup", "20"));
            System.out.println("warm-up (not measured): "
                    + new Step(url, secret, phone, warmupRate, warmup, burst, burstGapMs, connections)
                            .run(drain, parleyPid, database));
        }
        int statusRate = Integer.parseInt(options.getOrDefault("status-rate", "0"));
        StatusStorm storm = null;
        if (statusRate > 0) {
            storm = new StatusStorm(
                    url,
                    secret,
                    phone,
                    statusRate,
                    options.getOrDefault("status-prefix", "wamid.CAMPAIGN"),
                    Integer.parseInt(options.getOrDefault("status-ids", "60000")),
                    connections / 2);
            storm.start();
            Thread.sleep(3_000); // the storm is under way before the first measured step
        }
        boolean clean = true;
        for (String rate : options.getOrDefault("rates", "50").split(",")) {
            Step step = new Step(
                    url, secret, phone, Integer.parseInt(rate.trim()), duration, burst, burstGapMs, connections);
            Step.Result result = step.run(drain, parleyPid, database);
            System.out.println(result);
            clean &= result.lost() == 0 && result.duplicates() == 0;
            if (result.answeredShare() < 0.95 || result.p99() > stopAbove) {
                System.out.println("rate " + rate + " is past what this node sustains");
                break;
            }
        }
        if (storm != null) {
            System.out.println(storm.stop());
        }
        graph.stop(0);
        System.exit(clean ? 0 : 1);
    }

    /** The fake Graph API: a reply is recorded by recipient; typing indicators and read marks are only counted. */
    private static void graph(HttpExchange exchange) throws IOException {
        long now = System.nanoTime();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String answer;
        if (body.contains("\"status\"")) {
            TYPING.incrementAndGet();
            answer = "{\"success\":true}";
        } else {
            String to = field(body, "\"to\"");
            REPLIED_AT.putIfAbsent(to, now);
            REPLIES.computeIfAbsent(to, k -> new AtomicInteger()).incrementAndGet();
            answer = "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"" + to + "\",\"wa_id\":\"" + to
                    + "\"}],\"messages\":[{\"id\":\"wamid.TURNLOAD" + WAMIDS.incrementAndGet() + "\"}]}";
        }
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String field(String json, String name) {
        int at = json.indexOf(name);
        if (at < 0) {
            return "?";
        }
        int start = json.indexOf('"', json.indexOf(':', at + name.length()) + 1) + 1;
        return json.substring(start, json.indexOf('"', start));
    }

    /** One rate of the ladder: its own contacts, so every message (or burst) is exactly one turn. */
    static final class Step {
        static int counter;

        final URI url;
        final String secret;
        final String phone;
        final int rate;
        final int seconds;
        final int burst;
        final int burstGapMs;
        final int connections;
        final int number = ++counter;

        Step(URI url, String secret, String phone, int rate, int seconds, int burst, int burstGapMs, int connections) {
            this.url = url;
            this.secret = secret;
            this.phone = phone;
            this.rate = rate;
            this.seconds = seconds;
            this.burst = burst;
            this.burstGapMs = burstGapMs;
            this.connections = connections;
        }

        record Result(
                int rate,
                int contacts,
                int acknowledged,
                Map<String, Integer> failures,
                double turnsPerSecond,
                int answered,
                int lost,
                int duplicates,
                double p50,
                double p90,
                double p99,
                double max,
                double parleyCpuMs,
                double postgresCpuMs,
                double statements,
                String heap,
                long typing,
                double walKbPerTurn,
                double commitsPerTurn) {
            double answeredShare() {
                return contacts == 0 ? 0 : (double) answered / contacts;
            }

            @Override
            public String toString() {
                return String.format(
                        "offered=%d/s contacts=%d acknowledged=%d failures=%s turns/s=%.1f answered=%d lost=%d "
                                + "duplicates=%d p50=%.0fms p90=%.0fms p99=%.0fms max=%.0fms cpu/turn: parley=%.2fms "
                                + "postgres=%.2fms statements/turn=%.1f commits/turn=%.1f wal/turn=%.1fKB heap=%s typing=%d",
                        rate,
                        contacts,
                        acknowledged,
                        failures,
                        turnsPerSecond,
                        answered,
                        lost,
                        duplicates,
                        p50,
                        p90,
                        p99,
                        max,
                        parleyCpuMs,
                        postgresCpuMs,
                        statements,
                        commitsPerTurn,
                        walKbPerTurn,
                        heap,
                        typing);
            }
        }

        Result run(int drainSeconds, long parleyPid, String database) throws Exception {
            int contacts = rate * seconds;
            int total = contacts * burst;
            String[] from = new String[contacts];
            for (int c = 0; c < contacts; c++) {
                from[c] = "1" + String.format("%03d", number) + String.format("%07d", c);
            }
            // Message i is contact (i % contacts)'s ((i / contacts) + 1)-th; a burst's parts are burstGapMs apart.
            byte[][] requests = new byte[total][];
            long[] offsets = new long[total];
            long interval = 1_000_000_000L / rate;
            for (int i = 0; i < total; i++) {
                int contact = i % contacts;
                int part = i / contacts;
                byte[] body = WebhookLoad.payload(phone, from[contact]);
                requests[i] = WebhookLoad.request(url, body, WebhookLoad.sign(body, secret));
                offsets[i] = contact * interval + part * burstGapMs * 1_000_000L;
            }
            Integer[] order = new Integer[total];
            for (int i = 0; i < total; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Long.compare(offsets[a], offsets[b]));

            double[] cpu0 = cpu(parleyPid);
            long statements0 = statements(database);
            long[] wal0 = walAndCommits(database);
            long[] lastScheduled = new long[contacts];
            AtomicInteger acknowledged = new AtomicInteger();
            boolean[] stored = new boolean[contacts]; // a contact with a message acknowledged 200 is owed a reply
            Map<String, Integer> failures = new ConcurrentHashMap<>();
            BlockingQueue<Integer> due = new LinkedBlockingQueue<>();
            List<Thread> workers = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                URI target = TARGETS[c % TARGETS.length];
                workers.add(Thread.ofPlatform().daemon().start(() -> {
                    WebhookLoad.Connection connection = new WebhookLoad.Connection(target);
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
                            if (status == 200) {
                                acknowledged.incrementAndGet();
                                stored[index % contacts] = true;
                            } else {
                                failures.merge("http_" + status, 1, Integer::sum);
                            }
                        } catch (IOException e) {
                            failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                            connection.close();
                        }
                    }
                }));
            }
            long start = System.nanoTime() + 50_000_000L;
            for (int index : order) {
                long scheduled = start + offsets[index];
                lastScheduled[index % contacts] = scheduled;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                due.add(index);
            }
            for (int c = 0; c < connections; c++) {
                due.add(-1);
            }
            for (Thread worker : workers) {
                worker.join();
            }
            long sendEnd = System.nanoTime();
            long deadline = sendEnd + drainSeconds * 1_000_000_000L;
            while (answered(from) < contacts && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Thread.sleep(1_000); // a late duplicate would show up here
            double[] cpu1 = cpu(parleyPid);
            long statements1 = statements(database);
            long[] wal1 = walAndCommits(database);

            long[] latencies = new long[contacts];
            int answered = 0;
            int duplicates = 0;
            int owed = 0;
            for (boolean b : stored) {
                owed += b ? 1 : 0;
            }
            long lastReply = start;
            for (int c = 0; c < contacts; c++) {
                Long at = REPLIED_AT.get(from[c]);
                AtomicInteger count = REPLIES.get(from[c]);
                if (at == null) {
                    latencies[c] = Long.MAX_VALUE;
                    continue;
                }
                answered++;
                lastReply = Math.max(lastReply, at);
                duplicates += count.get() - 1;
                latencies[c] = at - lastScheduled[c];
            }
            long[] sorted = Arrays.copyOf(latencies, contacts);
            Arrays.sort(sorted);
            double window = Math.max((lastReply - start) / 1e9, seconds);
            return new Result(
                    rate,
                    contacts,
                    acknowledged.get(),
                    new TreeMap<>(failures),
                    answered / window,
                    answered,
                    Math.max(0, owed - answered),
                    duplicates,
                    ms(sorted, 0.50),
                    ms(sorted, 0.90),
                    ms(sorted, 0.99),
                    ms(sorted, 1.0),
                    answered == 0 ? 0 : (cpu1[0] - cpu0[0]) * 1000 / answered,
                    answered == 0 ? 0 : (cpu1[1] - cpu0[1]) * 1000 / answered,
                    answered == 0 || statements0 < 0 ? -1 : (double) (statements1 - statements0) / answered,
                    java.util.Arrays.stream(PIDS)
                            .mapToObj(TurnLoad::heap)
                            .collect(java.util.stream.Collectors.joining("+")),
                    TYPING.get(),
                    answered == 0 ? 0 : (wal1[0] - wal0[0]) / 1024.0 / answered,
                    answered == 0 ? 0 : (double) (wal1[1] - wal0[1]) / answered);
        }

        private static int answered(String[] from) {
            int n = 0;
            for (String f : from) {
                if (REPLIED_AT.containsKey(f)) {
                    n++;
                }
            }
            return n;
        }

        private static double ms(long[] sorted, double quantile) {
            long value = sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)];
            return value == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : value / 1e6;
        }
    }

    /**
     * Status webhooks at a fixed rate, beside the turns: for message i of a campaign ({@code <prefix><i>}, rows the
     * script seeded), "sent", then "delivered", then "read", one status per webhook as Meta sends them. Acknowledge
     * latency and failures are reported when it stops.
     */
    static final class StatusStorm {
        private static final String[] STATUSES = {"sent", "delivered", "read"};
        private final URI url;
        private final String secret;
        private final String phone;
        private final int rate;
        private final String prefix;
        private final int ids;
        private final int connections;
        private final BlockingQueue<byte[]> due = new LinkedBlockingQueue<>();
        private final AtomicInteger ok = new AtomicInteger();
        private final Map<String, Integer> failures = new ConcurrentHashMap<>();
        private final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        private final List<Thread> threads = new ArrayList<>();
        private volatile boolean running = true;
        private int sent;
        private long started;

        StatusStorm(URI url, String secret, String phone, int rate, String prefix, int ids, int connections) {
            this.url = url;
            this.secret = secret;
            this.phone = phone;
            this.rate = rate;
            this.prefix = prefix;
            this.ids = ids;
            this.connections = Math.max(1, connections);
        }

        void start() {
            for (int c = 0; c < connections; c++) {
                URI target = TARGETS[c % TARGETS.length];
                threads.add(Thread.ofPlatform().daemon().start(() -> {
                    WebhookLoad.Connection connection = new WebhookLoad.Connection(target);
                    while (true) {
                        byte[] request;
                        try {
                            request = due.take();
                        } catch (InterruptedException e) {
                            return;
                        }
                        if (request.length == 0) {
                            connection.close();
                            return;
                        }
                        long scheduled = java.nio.ByteBuffer.wrap(request, 0, 8).getLong();
                        try {
                            int status = connection.exchange(java.util.Arrays.copyOfRange(request, 8, request.length));
                            latencies.add(System.nanoTime() - scheduled);
                            if (status == 200) {
                                ok.incrementAndGet();
                            } else {
                                failures.merge("http_" + status, 1, Integer::sum);
                            }
                        } catch (IOException e) {
                            failures.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                            connection.close();
                        }
                    }
                }));
            }
            started = System.nanoTime();
            threads.add(Thread.ofPlatform().daemon().start(() -> {
                long interval = 1_000_000_000L / rate;
                for (int i = 0; running; i++) {
                    long scheduled = started + i * interval;
                    long wait = scheduled - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    // message k gets its three statuses spread: sent now, delivered and read later in the cycle
                    int message = (i / 3) % ids;
                    String status = STATUSES[i % 3];
                    try {
                        byte[] body = statusBody(prefix + (message + 1), status);
                        byte[] request = WebhookLoad.request(url, body, WebhookLoad.sign(body, secret));
                        byte[] timed = new byte[request.length + 8];
                        java.nio.ByteBuffer.wrap(timed, 0, 8).putLong(scheduled);
                        System.arraycopy(request, 0, timed, 8, request.length);
                        due.add(timed);
                        sent++;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }));
        }

        private byte[] statusBody(String wamid, String status) {
            return ("""
                    {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
                    "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881",
                    "phone_number_id":"%s"},"statuses":[{"id":"%s","status":"%s","timestamp":"%d",
                    "recipient_id":"15550000000"}]}}]}]}""".formatted(phone, wamid, status, System.currentTimeMillis() / 1000))
                    .getBytes(StandardCharsets.UTF_8);
        }

        String stop() throws InterruptedException {
            running = false;
            double seconds = (System.nanoTime() - started) / 1e9;
            Thread.sleep(500);
            for (int c = 0; c < connections; c++) {
                due.add(new byte[0]);
            }
            for (Thread t : threads) {
                t.join(10_000);
            }
            long[] sorted;
            synchronized (latencies) {
                sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            }
            if (sorted.length == 0) {
                return "status storm: nothing sent";
            }
            return String.format(
                    "status storm: offered=%d/s sent=%d acknowledged=%d (%.0f/s) failures=%s ack p50=%.1fms p99=%.1fms max=%.1fms",
                    rate,
                    sent,
                    ok.get(),
                    ok.get() / seconds,
                    new TreeMap<>(failures),
                    sorted[sorted.length / 2] / 1e6,
                    sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6,
                    sorted[sorted.length - 1] / 1e6);
        }
    }

    /** Seconds of CPU (user + system) of Parley and of every PostgreSQL process, from /proc. */
    static double[] cpu(long ignored) throws IOException {
        double parley = 0;
        for (long pid : PIDS) {
            parley += pid > 0 ? ticks(Path.of("/proc/" + pid + "/stat")) : 0;
        }
        double postgres = 0;
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path p : processes
                    .filter(p -> p.getFileName().toString().matches("\\d+"))
                    .toList()) {
                try {
                    String comm = Files.readString(p.resolve("comm")).trim();
                    if (comm.startsWith("postgres")) {
                        // with the children it reaped: backends that ended during the step still count
                        postgres += ticks(p.resolve("stat")) + childTicks(p.resolve("stat"));
                    }
                } catch (IOException gone) {
                    // the process ended meanwhile
                }
            }
        }
        return new double[] {parley / 100, postgres / 100};
    }

    private static double childTicks(Path stat) throws IOException {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }

    private static double ticks(Path stat) throws IOException {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Statements executed in the bench database so far (pg_stat_statements), or -1 when it is not loaded. */
    static long statements(String database) {
        if (database.isEmpty()) {
            return -1;
        }
        String out = psql("select coalesce(sum(calls),0) from pg_stat_statements where dbid = "
                + "(select oid from pg_database where datname = '" + database + "')");
        try {
            return Long.parseLong(out.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** WAL bytes written by the whole server and transactions committed in the bench database, so far. */
    static long[] walAndCommits(String database) {
        if (database.isEmpty()) {
            return new long[] {0, 0};
        }
        String out = psql("select (select wal_bytes from pg_stat_wal)::bigint || ' ' || "
                + "(select xact_commit from pg_stat_database where datname = '" + database + "')");
        try {
            String[] parts = out.trim().split(" ");
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        } catch (RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    static String psql(String sql) {
        try {
            Process p = new ProcessBuilder(
                            "psql", "-h", "127.0.0.1", "-U", "postgres", "-X", "-q", "-tA", "-d", "postgres", "-c", sql)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    /** Parley's used heap after the step (jcmd GC.heap_info), in MB. */
    static String heap(long pid) {
        if (pid <= 0) {
            return "?";
        }
        try {
            Process p = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "jcmd")
                                    .toString(),
                            String.valueOf(pid),
                            "GC.heap_info")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            var m = java.util.regex.Pattern.compile("used (\\d+)K").matcher(out);
            return m.find() ? (Long.parseLong(m.group(1)) / 1024) + "MB" : "?";
        } catch (IOException | InterruptedException e) {
            return "?";
        }
    }
}
