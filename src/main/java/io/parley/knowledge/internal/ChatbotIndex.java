package io.parley.knowledge.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * One chatbot's chunks at one knowledge version, in memory: BM25 over the text (standard analyzer) plus whole
 * code tokens, and an HNSW graph over the unit vectors (dot product = cosine). Immutable once built, so searches
 * need no lock; a newer version is a new instance.
 */
public final class ChatbotIndex {
    static final String TEXT = "text";
    static final String CODE = "code";
    static final String VECTOR = "vector";
    /** An exact code is worth more than the words it splits into. */
    private static final float CODE_BOOST = 2.0f;
    private static final int MAX_QUERY_TERMS = 256;
    private static final Analyzer ANALYZER = new StandardAnalyzer();

    private final long version;
    private final int dimension;
    private final int size;
    private final boolean hasVectors;
    private final IndexSearcher searcher;

    private ChatbotIndex(long version, int dimension, int size, boolean hasVectors, IndexSearcher searcher) {
        this.version = version;
        this.dimension = dimension;
        this.size = size;
        this.hasVectors = hasVectors;
        this.searcher = searcher;
    }

    public long version() {
        return version;
    }

    /** The vector dimension the index was built for; chunks with another one are searchable by keywords only. */
    public int dimension() {
        return dimension;
    }

    public int size() {
        return size;
    }

    public boolean hasVectors() {
        return hasVectors;
    }

    /** Doc ids best first, BM25. */
    public List<Integer> keyword(String query, int k) {
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        Set<String> terms = analyze(query);
        terms.forEach(t -> q.add(new TermQuery(new Term(TEXT, t)), BooleanClause.Occur.SHOULD));
        Set<String> codes = CodeTokens.of(query);
        codes.forEach(c -> q.add(new BoostQuery(new TermQuery(new Term(CODE, c)), CODE_BOOST),
                BooleanClause.Occur.SHOULD));
        if (terms.isEmpty() && codes.isEmpty()) {
            return List.of();
        }
        return ids(search(q.build(), k), Float.NEGATIVE_INFINITY);
    }

    /** Doc ids best first by cosine similarity, only those at or above {@code minSimilarity}. */
    public List<Integer> vector(float[] query, int k, double minSimilarity) {
        if (!hasVectors || query.length != dimension) {
            return List.of();
        }
        // Lucene scores DOT_PRODUCT as (1 + cos) / 2.
        return ids(search(new KnnFloatVectorQuery(VECTOR, query, k), k), (float) ((1 + minSimilarity) / 2));
    }

    public Document stored(int doc) {
        try {
            return searcher.storedFields().document(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ScoreDoc[] search(org.apache.lucene.search.Query query, int k) {
        try {
            return searcher.search(query, Math.max(1, k)).scoreDocs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Integer> ids(ScoreDoc[] hits, float minScore) {
        List<Integer> ids = new ArrayList<>(hits.length);
        for (ScoreDoc hit : hits) {
            if (hit.score >= minScore) {
                ids.add(hit.doc);
            }
        }
        return ids;
    }

    static Set<String> analyze(String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = ANALYZER.tokenStream(TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < MAX_QUERY_TERMS) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    /** Collects the rows of one version; {@link #build(long)} makes them searchable. Not thread-safe. */
    public static final class Builder {
        private final int dimension;
        private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
        private final IndexWriter writer;
        private int size;
        private boolean hasVectors;

        public Builder(int dimension) {
            this.dimension = dimension;
            IndexWriterConfig config = new IndexWriterConfig(ANALYZER).setCodec(new VectorCodec())
                    .setRAMBufferSizeMB(256).setOpenMode(IndexWriterConfig.OpenMode.CREATE);
            try {
                writer = new IndexWriter(directory, config);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public Builder add(ChunkRow row) {
            Document doc = new Document();
            doc.add(new TextField(TEXT, row.text(), Field.Store.YES));
            CodeTokens.of(row.text()).forEach(c -> doc.add(new StringField(CODE, c, Field.Store.NO)));
            float[] vector = decode(row.embedding());
            if (vector != null && vector.length == dimension && dimension <= VectorCodec.MAX_DIMENSIONS) {
                doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
                hasVectors = true;
            }
            doc.add(new StoredField("sourceId", row.sourceId().toString()));
            doc.add(new StoredField("sourceName", row.sourceName()));
            doc.add(new StoredField("sourceType", row.sourceType()));
            doc.add(new StoredField("location", row.location() == null ? "{}" : row.location()));
            try {
                writer.addDocument(doc);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            size++;
            return this;
        }

        public ChatbotIndex build(long version) {
            try {
                writer.close();
                return new ChatbotIndex(version, dimension, size, hasVectors,
                        new IndexSearcher(DirectoryReader.open(directory)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Little-endian float32, normalised again: DOT_PRODUCT needs unit vectors, remote models may round. */
    static float[] decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0 || bytes.length % 4 != 0) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] vector = new float[bytes.length / 4];
        double norm = 0;
        for (int i = 0; i < vector.length; i++) {
            vector[i] = buffer.getFloat();
            norm += vector[i] * vector[i];
        }
        if (norm == 0) {
            return null;
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    static UUID sourceId(Document doc) {
        return UUID.fromString(doc.get("sourceId"));
    }
}
