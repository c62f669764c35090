package io.parley.knowledge.internal.search;

import java.io.IOException;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene103.Lucene103Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;

/**
 * The default codec with room for remote embedding models' vectors (OpenAI: 1536 or 3072 dimensions); Lucene's
 * HNSW format refuses more than 1024 at indexing time only. The format keeps its name, so the default codec
 * reads what this one writes.
 */
final class VectorCodec extends Lucene103Codec {
    static final int MAX_DIMENSIONS = 4096;
    private static final KnnVectorsFormat HNSW = new Lucene99HnswVectorsFormat();

    private static final KnnVectorsFormat WIDE = new KnnVectorsFormat(HNSW.getName()) {
        @Override
        public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
            return HNSW.fieldsWriter(state);
        }

        @Override
        public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
            return HNSW.fieldsReader(state);
        }

        @Override
        public int getMaxDimensions(String fieldName) {
            return MAX_DIMENSIONS;
        }
    };

    @Override
    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return WIDE;
    }
}
