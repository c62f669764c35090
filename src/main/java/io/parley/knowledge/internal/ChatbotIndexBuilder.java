package io.parley.knowledge.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * Collects the chunk rows of one knowledge version into a {@link ChatbotIndex}. Not thread-safe. Segments are not
 * merged: merging re-builds the HNSW graphs, which cost more than searching a few segments.
 */
public final class ChatbotIndexBuilder {
    private final int dimension;
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private int size;
    private boolean hasVectors;

    /** @param dimension the chatbot's embedding dimension; other vectors are left out (keywords only) */
    public ChatbotIndexBuilder(int dimension) {
        this.dimension = dimension;
        IndexWriterConfig config = new IndexWriterConfig(ChatbotIndex.ANALYZER).setCodec(new VectorCodec())
                .setRAMBufferSizeMB(512).setMergePolicy(NoMergePolicy.INSTANCE)
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
