import io.parley.knowledge.internal.embed.LocalEmbedder;
import io.parley.knowledge.internal.search.ChatbotIndex;
import io.parley.knowledge.internal.search.ChatbotIndexBuilder;
import io.parley.knowledge.internal.search.ChunkRow;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Knowledge search benchmark (issue 4), in-process, no database:
 *  1. per corpus size: build a chatbot index from synthetic chunks (random words from a 5,000-word vocabulary,
 *     ~800 characters, some SKU codes; random unit vectors of 384 dimensions), report build time and the heap it
 *     retains, then run hybrid searches (BM25 top 50 + HNSW top 50, RRF, top 5 passages fetched) and report
 *     p50/p99. The query embedding is measured separately (step 2); the per-search version check is one
 *     primary-key read in PostgreSQL (not included).
 *  2. all-MiniLM-L6-v2 (LocalEmbedder) throughput on ~1000-character chunks in batches of 32, and the latency of
 *     embedding one short query.
 * Run: ./mvnw -q -o compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt
 *      java -Xmx4g -cp target/classes:$(cat target/bench-cp.txt) bench/KnowledgeSearchBench.java [sizes...]
 */
public class KnowledgeSearchBench {
    static final int DIM = 384;
    static final int QUERIES = 2000;
    static final Random RANDOM = new Random(42);
    static final String[] VOCAB = vocabulary(5000);

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0
                ? new int[] {10_000, 100_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.printf(
                "cores=%d, max heap=%d MB, JDK %s%n",
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.version"));
        for (int size : sizes) {
            searchBench(size);
        }
        embedBench();
    }

    static void searchBench(int size) {
        long heapBefore = usedHeap();
        long started = System.nanoTime();
        ChatbotIndexBuilder builder = new ChatbotIndexBuilder(DIM);
        UUID source = UUID.randomUUID();
        for (int i = 0; i < size; i++) {
            builder.add(new ChunkRow(
                    source, "Synthetic", "file", i, text(120, i), "{\"page\": " + (i / 5) + "}", bytes(unitVector())));
        }
        ChatbotIndex index = builder.build(1);
        double buildSeconds = (System.nanoTime() - started) / 1e9;
        long retained = usedHeap() - heapBefore;
        for (int i = 0; i < 500; i++) { // warm-up
            search(index, query(i), unitVector());
        }
        long[] nanos = new long[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            String q = query(i);
            float[] v = unitVector();
            long t = System.nanoTime();
            search(index, q, v);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf(
                "%,d chunks: build %.1f s (%.0f chunks/s), heap retained %d MB, search p50 %.2f ms, "
                        + "p99 %.2f ms, max %.2f ms%n",
                size,
                buildSeconds,
                size / buildSeconds,
                retained >> 20,
                nanos[QUERIES / 2] / 1e6,
                nanos[QUERIES * 99 / 100] / 1e6,
                nanos[QUERIES - 1] / 1e6);
        if (index.size() != size) {
            throw new IllegalStateException("index has " + index.size());
        }
    }

    // What HybridSearch does after embedding: both rankings, fusion by rank, the top 5 documents fetched.
    static int search(ChatbotIndex index, String query, float[] vector) {
        List<Integer> keyword = index.keyword(query, 50);
        List<Integer> knn = index.vector(vector, 50, -1.0);
        java.util.Map<Integer, Double> fused = new java.util.HashMap<>();
        for (int i = 0; i < keyword.size(); i++) {
            fused.merge(keyword.get(i), 1.0 / (61 + i), Double::sum);
        }
        for (int i = 0; i < knn.size(); i++) {
            fused.merge(knn.get(i), 1.0 / (61 + i), Double::sum);
        }
        int chars = 0;
        for (Integer doc : fused.entrySet().stream()
                .sorted(java.util.Map.Entry.<Integer, Double>comparingByValue().reversed())
                .limit(5)
                .map(java.util.Map.Entry::getKey)
                .toList()) {
            chars += index.stored(doc).get("text").length();
        }
        return chars;
    }

    static void embedBench() {
        LocalEmbedder embedder = new LocalEmbedder();
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            chunks.add(text(150, i));
        }
        embedder.embed(chunks.subList(0, 32)); // load the model, warm up
        long started = System.nanoTime();
        for (int i = 0; i < chunks.size(); i += 32) {
            embedder.embed(chunks.subList(i, i + 32));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long[] nanos = new long[200];
        for (int i = 0; i < nanos.length; i++) {
            long t = System.nanoTime();
            embedder.embed(List.of("how much is the alpine storm tent " + i));
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf(
                "LocalEmbedder: %.1f chunks/s (%d chunks of ~%d chars, batches of 32); query embedding "
                        + "p50 %.1f ms, p99 %.1f ms%n",
                chunks.size() / seconds,
                chunks.size(),
                chunks.stream().mapToInt(String::length).sum() / chunks.size(),
                nanos[100] / 1e6,
                nanos[197] / 1e6);
    }

    static String text(int words, int ordinal) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words; w++) {
            text.append(w == words / 2 ? "SKU-" + ordinal : VOCAB[zipf()]).append(' ');
        }
        return text.toString();
    }

    static String query(int i) {
        StringBuilder q = new StringBuilder();
        int words = 3 + i % 4;
        for (int w = 0; w < words; w++) {
            q.append(VOCAB[zipf()]).append(' ');
        }
        return i % 5 == 0 ? q.append("SKU-").append(RANDOM.nextInt(10_000)).toString() : q.toString();
    }

    // Word frequencies of natural text are roughly Zipfian: a few words everywhere, most words rare.
    static int zipf() {
        return (int) Math.min(VOCAB.length - 1, Math.floor(Math.pow(VOCAB.length, RANDOM.nextDouble())) - 1);
    }

    static String[] vocabulary(int size) {
        String[] words = new String[size];
        for (int i = 0; i < size; i++) {
            StringBuilder w = new StringBuilder();
            int n = i;
            do {
                w.append((char) ('a' + n % 26));
                n /= 26;
            } while (n > 0);
            words[i] = w.append("word").toString();
        }
        return words;
    }

    static float[] unitVector() {
        float[] v = new float[DIM];
        double norm = 0;
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) RANDOM.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < DIM; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    static byte[] bytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : vector) {
            buffer.putFloat(f);
        }
        return buffer.array();
    }

    static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
