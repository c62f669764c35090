package io.parley.knowledge.internal.search;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.knowledge.internal.embed.LocalEmbedder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Retrieval quality on a small labelled set (src/test/resources/knowledge/eval): 40 chunks of a product manual,
 * price list, policies and web pages; 20 queries, half codes and exact terms, half paraphrases, each labelled with
 * the chunk that answers it. Recall@5 and MRR for BM25 alone, vectors alone (all-MiniLM-L6-v2) and the hybrid.
 */
class SearchQualityTest {
    private static final int K = 5;
    private static final int CANDIDATES = 50;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalEmbedder EMBEDDER = new LocalEmbedder();

    private static List<String> ids;
    private static List<JsonNode> queries;
    private static List<float[]> queryVectors;
    private static ChatbotIndex index;

    record Scores(double recallAt5, double mrr) {}

    @BeforeAll
    static void buildIndex() throws IOException {
        List<JsonNode> corpus = lines("corpus.jsonl");
        queries = lines("queries.jsonl");
        List<float[]> vectors = EMBEDDER.embed(
                corpus.stream().map(c -> c.path("text").asString()).toList());
        ChatbotIndexBuilder builder = new ChatbotIndexBuilder(EMBEDDER.dimension());
        ids = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            JsonNode chunk = corpus.get(i);
            ids.add(chunk.path("id").asString());
            builder.add(new ChunkRow(
                    UUID.randomUUID(),
                    chunk.path("source").asString(),
                    "file",
                    i,
                    chunk.path("text").asString(),
                    chunk.path("location").toString(),
                    bytes(vectors.get(i))));
        }
        index = builder.build(1);
        queryVectors = EMBEDDER.embed(
                queries.stream().map(q -> q.path("query").asString()).toList());
    }

    @Test
    void should_rank_hybrid_at_least_as_well_as_either_alone_when_measured_on_the_labelled_set() {
        Scores bm25 = evaluate(this::keyword);
        Scores vector = evaluate(this::vector);
        Scores hybrid = evaluate(this::hybrid);
        System.out.printf("Knowledge search quality (%d queries, %d chunks)%n", queries.size(), ids.size());
        System.out.printf("  BM25 only:   recall@5 %.2f  MRR %.3f%n", bm25.recallAt5(), bm25.mrr());
        System.out.printf("  vector only: recall@5 %.2f  MRR %.3f%n", vector.recallAt5(), vector.mrr());
        System.out.printf("  hybrid RRF:  recall@5 %.2f  MRR %.3f%n", hybrid.recallAt5(), hybrid.mrr());
        for (String kind : List.of("keyword", "paraphrase")) {
            System.out.printf(
                    "  %s: BM25 %s, vector %s, hybrid %s%n",
                    kind, evaluate(this::keyword, kind), evaluate(this::vector, kind), evaluate(this::hybrid, kind));
        }

        assertThat(hybrid.recallAt5())
                .isGreaterThanOrEqualTo(bm25.recallAt5())
                .isGreaterThanOrEqualTo(vector.recallAt5());
        assertThat(hybrid.mrr()).isGreaterThanOrEqualTo(bm25.mrr()).isGreaterThanOrEqualTo(vector.mrr());
    }

    @Test
    void should_find_the_chunk_first_when_the_query_is_only_a_code() {
        assertThat(top(hybrid(index("A7-33X price"))))
                .as("the 4-season tent, not its footprint A7-33Y")
                .isEqualTo("p03");
        assertThat(top(hybrid(index("E-217")))).isEqualTo("h02");
    }

    @Test
    void should_find_the_chunk_first_when_the_query_is_a_paraphrase() {
        assertThat(top(hybrid(index("is it safe to cook in my tent when it rains?"))))
                .isEqualTo("h04");
    }

    @Test
    void should_rank_the_exact_code_above_a_chunk_with_its_parts_when_keywords_alone_are_used() {
        ChatbotIndex decoy = new ChatbotIndexBuilder(3)
                .add(row("Spare parts A7 and 33X for models A7 and 33X, A7 rotor, 33X housing."))
                .add(row("Order code A7-33X: complete rotor assembly."))
                .build(1);

        List<Integer> hits = decoy.keyword("A7-33X", 5);

        assertThat(hits).hasSize(2);
        assertThat(decoy.stored(hits.getFirst()).get(ChatbotIndex.TEXT)).startsWith("Order code A7-33X");
    }

    private static ChunkRow row(String text) {
        return new ChunkRow(UUID.randomUUID(), "Parts", "text", 0, text, "{}", null);
    }

    private Scores evaluate(Function<Integer, List<Integer>> ranking) {
        return evaluate(ranking, null);
    }

    private Scores evaluate(Function<Integer, List<Integer>> ranking, String kind) {
        double found = 0;
        double reciprocal = 0;
        int counted = 0;
        for (int q = 0; q < queries.size(); q++) {
            if (kind != null && !kind.equals(queries.get(q).path("kind").asString())) {
                continue;
            }
            counted++;
            List<Integer> docs = ranking.apply(q);
            int rank = docs.stream()
                            .map(SearchQualityTest::chunkId)
                            .toList()
                            .indexOf(queries.get(q).path("expected").asString())
                    + 1;
            if (rank >= 1 && rank <= K) {
                found++;
            }
            reciprocal += rank >= 1 ? 1.0 / rank : 0;
        }
        return new Scores(found / counted, reciprocal / counted);
    }

    private List<Integer> keyword(int q) {
        return index.keyword(queries.get(q).path("query").asString(), CANDIDATES);
    }

    private List<Integer> vector(int q) {
        return index.vector(queryVectors.get(q), CANDIDATES, -1.0);
    }

    private List<Integer> hybrid(int q) {
        return Fusion.fuse(keyword(q), index.vector(queryVectors.get(q), CANDIDATES, 0.3), 2).stream()
                .map(Fusion.Fused::doc)
                .toList();
    }

    private static int index(String query) {
        for (int q = 0; q < queries.size(); q++) {
            if (queries.get(q).path("query").asString().equals(query)) {
                return q;
            }
        }
        throw new IllegalArgumentException("not a labelled query: " + query);
    }

    private static String top(List<Integer> docs) {
        return chunkId(docs.getFirst());
    }

    // Documents are written by several threads, so doc ids are not corpus positions; the ordinal is.
    private static String chunkId(int doc) {
        return ids.get(index.stored(doc).getField("ordinal").numericValue().intValue());
    }

    static byte[] bytes(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : vector) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }

    private static List<JsonNode> lines(String name) throws IOException {
        try (InputStream in = SearchQualityTest.class.getResourceAsStream("/knowledge/eval/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(l -> !l.isBlank())
                    .map(JSON::readTree)
                    .toList();
        }
    }
}
