package io.parley.knowledge.internal.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Collects the chunk rows of one knowledge version into a {@link ChatbotIndex}. {@link #add} is called from one
 * thread (the rows arrive in order from one query); inserting into the HNSW graph is the expensive part, so
 * documents are written by one worker per core, each into its own segment. Segments are not merged: merging
 * re-builds the HNSW graphs, which costs more than searching a few segments.
 */
public final class ChatbotIndexBuilder {
    private static final int MAX_PENDING = 256;
    /** Each thread makes a segment, and every segment is searched: more halves the build, but slows searches. */
    private static final int MAX_THREADS = 4;

    private final int dimension;
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final ExecutorService workers;
    private final Semaphore pending = new Semaphore(MAX_PENDING);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private int size;
    private boolean hasVectors;

    /** @param dimension the chatbot's embedding dimension; other vectors are left out (keywords only) */
    public ChatbotIndexBuilder(int dimension) {
        this(dimension, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
    }

    public ChatbotIndexBuilder(int dimension, int threads) {
        this.dimension = dimension;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                Math.max(1, threads),
                Math.max(1, threads),
                5,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                Thread.ofPlatform().daemon().name("knowledge-index-", 0).factory());
        // A builder abandoned halfway (the rows query failed) must not keep its threads forever.
        pool.allowCoreThreadTimeOut(true);
        this.workers = pool;
        IndexWriterConfig config = new IndexWriterConfig(ChatbotIndex.ANALYZER)
                .setCodec(new VectorCodec())
                .setRAMBufferSizeMB(512)
                .setMergePolicy(NoMergePolicy.INSTANCE)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        try {
            writer = new IndexWriter(directory, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChatbotIndexBuilder add(ChunkRow row) {
        Document doc = new Document();
        doc.add(new TextField(ChatbotIndex.TEXT, row.text(), Field.Store.YES));
        CodeTokens.of(row.text()).forEach(c -> doc.add(new StringField(ChatbotIndex.CODE, c, Field.Store.NO)));
        float[] vector = decode(row.embedding());
        if (vector != null && vector.length == dimension && dimension <= VectorCodec.MAX_DIMENSIONS) {
            doc.add(new KnnFloatVectorField(ChatbotIndex.VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
            hasVectors = true;
        }
        doc.add(new StoredField("sourceId", row.sourceId().toString()));
        doc.add(new StoredField("sourceName", row.sourceName()));
        doc.add(new StoredField("sourceType", row.sourceType()));
        doc.add(new StoredField("ordinal", row.ordinal()));
        doc.add(new StoredField("location", row.location() == null ? "{}" : row.location()));
        rethrowFailure();
        pending.acquireUninterruptibly();
        workers.execute(() -> {
            try {
                writer.addDocument(doc);
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            } finally {
                pending.release();
            }
        });
        size++;
        return this;
    }

    public ChatbotIndex build(long version) {
        workers.shutdown();
        pending.acquireUninterruptibly(MAX_PENDING);
        rethrowFailure();
        try {
            writer.close();
            return new ChatbotIndex(
                    version, dimension, size, hasVectors, new IndexSearcher(DirectoryReader.open(directory)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void rethrowFailure() {
        Throwable e = failure.get();
        if (e != null) {
            workers.shutdownNow();
            throw e instanceof RuntimeException r ? r : new IllegalStateException("Indexing a chunk failed", e);
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
}
