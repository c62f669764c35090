import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Knowledge ingestion benchmark (issue 4), end to end against a running Parley (HTTP API, durable ingestion jobs,
 * the in-process all-MiniLM-L6-v2 model, PostgreSQL): time from POST of a text source to status synced.
 *  0. warm-up: one small source (loads the ONNX model), not measured.
 *  1. solo: one large source (~500 chunks at the default chunk size 1000 / overlap 200) alone → chunks/s.
 *  2. mixed: the same large source again in organization A, submitted together with 2 small sources in A and 3
 *     small sources in organization B → per-source time to synced (fairness: B's small sources must not wait for
 *     A's large one) and aggregate chunks/s over the whole batch.
 * Needs only the JDK (java.net.http). Run by bench/ingest.sh, or against any Parley:
 *   java bench/KnowledgeIngestBench.java --url http://localhost:18091 --token <admin token> [--large-words 45000]
 */
public class KnowledgeIngestBench {
    static final Random RANDOM = new Random(7);
    static final String[] VOCAB = vocabulary(5000);
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static String url = "http://localhost:18091";
    static String token = "bench-admin-token";
    static int largeWords = 45_000;
    static int smallWords = 3_500;

    record Source(String label, String bot, String id, long submittedNanos) {}

    public static void main(String[] args) throws Exception {
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--url" -> url = args[i + 1];
                case "--token" -> token = args[i + 1];
                case "--large-words" -> largeWords = Integer.parseInt(args[i + 1]);
                case "--small-words" -> smallWords = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        String orgWarm = organization("Warm-up");
        String orgA = organization("Org A");
        String orgB = organization("Org B");

        Source warm = add("warm-up", chatbot(orgWarm), text(smallWords));
        awaitAll(List.of(warm));

        String botSolo = chatbot(orgA);
        Source solo = add("A large (solo)", botSolo, text(largeWords));
        report("solo", awaitAll(List.of(solo)));

        String botA = chatbot(orgA);
        String botB = chatbot(orgB);
        List<Source> mixed = new ArrayList<>();
        mixed.add(add("A large", botA, text(largeWords)));
        for (int i = 1; i <= 2; i++) {
            mixed.add(add("A small " + i, botA, text(smallWords)));
        }
        for (int i = 1; i <= 3; i++) {
            mixed.add(add("B small " + i, botB, text(smallWords)));
        }
        report("mixed", awaitAll(mixed));
    }

    record Done(Source source, int chunks, double seconds) {}

    static List<Done> awaitAll(List<Source> sources) throws Exception {
        List<Done> done = new ArrayList<>();
        List<Source> waiting = new ArrayList<>(sources);
        while (!waiting.isEmpty()) {
            for (Source s : List.copyOf(waiting)) {
                String body = get("/api/v1/chatbots/" + s.bot() + "/knowledge/sources/" + s.id());
                String status = field(body, "status");
                if ("failed".equals(status)) {
                    throw new IllegalStateException(s.label() + " failed: " + body);
                }
                if ("synced".equals(status)) {
                    done.add(new Done(
                            s,
                            Integer.parseInt(field(body, "chunkCount")),
                            (System.nanoTime() - s.submittedNanos()) / 1e9));
                    waiting.remove(s);
                }
            }
            Thread.sleep(100);
        }
        return done;
    }

    static void report(String phase, List<Done> done) {
        long first =
                done.stream().mapToLong(d -> d.source().submittedNanos()).min().orElseThrow();
        double makespan = done.stream()
                .mapToDouble(d -> d.seconds() + (d.source().submittedNanos() - first) / 1e9)
                .max()
                .orElseThrow();
        int total = 0;
        for (Done d : done) {
            total += d.chunks();
            System.out.printf(
                    "%s: %-15s %4d chunks, synced after %6.1f s (%5.1f chunks/s)%n",
                    phase, d.source().label(), d.chunks(), d.seconds(), d.chunks() / d.seconds());
        }
        System.out.printf("%s: total %d chunks in %.1f s = %.1f chunks/s%n", phase, total, makespan, total / makespan);
    }

    static Source add(String label, String bot, String text) throws Exception {
        String json = "{\"type\":\"text\",\"name\":\"" + label + "\",\"text\":\"" + text + "\"}";
        long submitted = System.nanoTime();
        String body = send("POST", "/api/v1/chatbots/" + bot + "/knowledge/sources", json, 202);
        return new Source(label, bot, field(body, "id"), submitted);
    }

    static String organization(String name) throws Exception {
        return field(send("POST", "/api/v1/organizations", "{\"name\":\"" + name + "\"}", 201), "id");
    }

    static String chatbot(String org) throws Exception {
        return field(
                send(
                        "POST",
                        "/api/v1/organizations/" + org + "/chatbots",
                        "{\"name\":\"Bench\",\"systemPrompt\":\"Bench\",\"model\":{\"provider\":\"offline\"}}",
                        201),
                "id");
    }

    static String get(String path) throws Exception {
        return send("GET", path, null, 200);
    }

    static String send(String method, String path, String json, int expected) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token);
        if (json != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(
                    method + " " + path + " → " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"?([^\",}]*)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    // Paragraphs of 60-120 words drawn Zipf-like from the vocabulary; JSON-safe (letters, spaces, \n escapes).
    static String text(int words) {
        StringBuilder text = new StringBuilder();
        int left = words;
        while (left > 0) {
            int paragraph = Math.min(left, 60 + RANDOM.nextInt(61));
            for (int w = 0; w < paragraph; w++) {
                text.append(VOCAB[zipf()]).append(w + 1 == paragraph ? "." : " ");
            }
            text.append("\\n\\n");
            left -= paragraph;
        }
        return text.toString();
    }

    static int zipf() {
        return (int) Math.min(VOCAB.length - 1, Math.floor(Math.pow(VOCAB.length, RANDOM.nextDouble())) - 1);
    }

    static String[] vocabulary(int size) {
        String letters = "abcdefghijklmnopqrstuvwxyz";
        Random random = new Random(1);
        String[] words = new String[size];
        for (int i = 0; i < size; i++) {
            StringBuilder word = new StringBuilder();
            int length = 3 + random.nextInt(7);
            for (int c = 0; c < length; c++) {
                word.append(letters.charAt(random.nextInt(letters.length())));
            }
            words[i] = word.toString();
        }
        return words;
    }
}
