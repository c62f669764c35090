package io.parley.knowledge.internal.search;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

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
    static final Analyzer ANALYZER = new StandardAnalyzer();

    private final long version;
    private final int dimension;
    private final int size;
    private final boolean hasVectors;
    private final IndexSearcher searcher;

    ChatbotIndex(long version, int dimension, int size, boolean hasVectors, IndexSearcher searcher) {
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
        codes.forEach(c ->
                q.add(new BoostQuery(new TermQuery(new Term(CODE, c)), CODE_BOOST), BooleanClause.Occur.SHOULD));
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

    static UUID sourceId(Document doc) {
        return UUID.fromString(doc.get("sourceId"));
    }
}
