package io.parley.knowledge.internal.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import java.util.List;

/**
 * The default embedder: all-MiniLM-L6-v2 (384 dimensions) in-process through ONNX Runtime, no network and no key.
 * The model is loaded once (about 90 MB of memory) on first use.
 */
public final class LocalEmbedder implements Embedder {
    public static final String MODEL_ID = "local:all-minilm-l6-v2";
    private static final int DIMENSION = 384;

    private volatile EmbeddingModel model;

    @Override
    public String modelId() {
        return MODEL_ID;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        List<Embedding> embeddings =
                model().embedAll(texts.stream().map(TextSegment::from).toList()).content();
        return embeddings.stream()
                .map(e -> {
                    Embedding normalized = e;
                    normalized.normalize();
                    return normalized.vector();
                })
                .toList();
    }

    private EmbeddingModel model() {
        EmbeddingModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                loaded = model;
                if (loaded == null) {
                    loaded = new AllMiniLmL6V2EmbeddingModel();
                    model = loaded;
                }
            }
        }
        return loaded;
    }
}
