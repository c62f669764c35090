package io.parley.knowledge.internal.embed;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.googleai.GoogleAiEmbeddingModel;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import io.parley.platform.TransientException;
import io.parley.platform.egress.EgressRefusedException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.List;

/**
 * An embedding model behind an API (OpenAI-compatible, Gemini, Ollama) through LangChain4j, with its own retries
 * off: ingestion retries as a durable job instead. 429, 408, 5xx, timeouts and I/O errors are transient; anything
 * else (401, a wrong model name) is a permanent failure with the server's status in the message.
 */
final class RemoteEmbedder implements Embedder {
    static final String OPENAI_DEFAULT = "text-embedding-3-small";
    static final String GEMINI_DEFAULT = "text-embedding-004";
    static final String OLLAMA_DEFAULT = "nomic-embed-text";
    static final String OLLAMA_DEFAULT_BASE_URL = "http://localhost:11434";

    private final String modelId;
    private final EmbeddingModel model;
    private final boolean oneByOne;
    private volatile int dimension;

    private RemoteEmbedder(String modelId, EmbeddingModel model) {
        this(modelId, model, false);
    }

    private RemoteEmbedder(String modelId, EmbeddingModel model, boolean oneByOne) {
        this.modelId = modelId;
        this.model = model;
        this.oneByOne = oneByOne;
    }

    /** @param http the egress policy's client (ADR 24): every request of the model goes through it */
    static RemoteEmbedder of(
            String provider,
            String modelName,
            String baseUrl,
            String apiKey,
            Duration timeout,
            HttpClientBuilder http) {
        return switch (provider) {
            case "openai" -> {
                String name = modelName == null ? OPENAI_DEFAULT : modelName;
                var builder = OpenAiEmbeddingModel.builder()
                        .modelName(name)
                        .apiKey(apiKey == null ? "none" : apiKey)
                        .httpClientBuilder(http)
                        .timeout(timeout)
                        .maxRetries(0);
                if (baseUrl != null) {
                    builder.baseUrl(baseUrl);
                }
                yield new RemoteEmbedder("openai:" + name, builder.build());
            }
            case "gemini" -> {
                String name = modelName == null ? GEMINI_DEFAULT : modelName;
                var builder = GoogleAiEmbeddingModel.builder()
                        .modelName(name)
                        .apiKey(apiKey)
                        .timeout(timeout)
                        .httpClientBuilder(http)
                        .maxRetries(0);
                if (baseUrl != null) {
                    builder.baseUrl(baseUrl);
                }
                // LangChain4j 1.18's embedAll (batchEmbedContents) ignores maxRetries and retries 5xx itself, under
                // the durable job's retries; embed (embedContent) honours it, so Gemini gets one call per text.
                yield new RemoteEmbedder("gemini:" + name, builder.build(), true);
            }
            case "ollama" -> {
                String name = modelName == null ? OLLAMA_DEFAULT : modelName;
                yield new RemoteEmbedder(
                        "ollama:" + name,
                        OllamaEmbeddingModel.builder()
                                .modelName(name)
                                .baseUrl(baseUrl == null ? OLLAMA_DEFAULT_BASE_URL : baseUrl)
                                .httpClientBuilder(http)
                                .timeout(timeout)
                                .maxRetries(0)
                                .build());
            }
            default -> throw new IllegalStateException("Unknown embedding provider '" + provider + "'");
        };
    }

    @Override
    public String modelId() {
        return modelId;
    }

    /** Known after the first call; asking before embeds a probe text once. */
    @Override
    public int dimension() {
        if (dimension == 0) {
            dimension = embed(List.of("dimension probe")).getFirst().length;
        }
        return dimension;
    }

    @Override
    public boolean metered() {
        return true;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        return embedBatch(texts).vectors();
    }

    @Override
    public Batch embedBatch(List<String> texts) {
        if (texts.isEmpty()) {
            return new Batch(List.of(), 0);
        }
        List<Embedding> embeddings;
        Integer tokens;
        try {
            if (oneByOne) {
                List<Response<Embedding>> responses = texts.stream()
                        .map(text -> model.embed(TextSegment.from(text)))
                        .toList();
                embeddings = responses.stream().map(Response::content).toList();
                tokens = 0;
                for (Response<Embedding> response : responses) {
                    Integer counted = inputTokens(response);
                    tokens = tokens == null || counted == null ? null : tokens + counted;
                }
            } else {
                Response<List<Embedding>> response =
                        model.embedAll(texts.stream().map(TextSegment::from).toList());
                embeddings = response.content();
                tokens = inputTokens(response);
            }
        } catch (RuntimeException e) {
            throw mapped(e);
        }
        if (embeddings == null || embeddings.size() != texts.size()) {
            throw new TransientException(
                    "embedding_failed",
                    "The embedding model " + modelId + " returned " + (embeddings == null ? 0 : embeddings.size())
                            + " vectors for " + texts.size() + " texts",
                    null);
        }
        List<float[]> vectors = embeddings.stream()
                .map(e -> {
                    e.normalize();
                    return e.vector();
                })
                .toList();
        dimension = vectors.getFirst().length;
        return new Batch(vectors, tokens);
    }

    private static Integer inputTokens(Response<?> response) {
        TokenUsage usage = response.tokenUsage();
        return usage == null ? null : usage.inputTokenCount();
    }

    private RuntimeException mapped(RuntimeException failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof EgressRefusedException refused) {
                return new IllegalStateException("The embedding model " + modelId + " is at an address the egress "
                        + "policy refuses: " + refused.reason());
            }
            if (t instanceof HttpException http) {
                int status = http.statusCode();
                String message = "The embedding model " + modelId + " answered HTTP " + status;
                return status == 429 || status == 408 || status >= 500
                        ? new TransientException("embedding_failed", message, null)
                        : new IllegalStateException(message);
            }
            if (t instanceof RateLimitException
                    || t instanceof IOException
                    || t instanceof InterruptedIOException
                    || t instanceof dev.langchain4j.exception.TimeoutException) {
                return new TransientException(
                        "embedding_failed",
                        "The embedding model " + modelId + " could not be reached ("
                                + t.getClass().getSimpleName() + ")",
                        null);
            }
        }
        return new IllegalStateException("The embedding model " + modelId + " failed ("
                + failure.getClass().getSimpleName() + ")");
    }
}
