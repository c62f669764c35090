package io.parley.llm.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.parley.llm.ModelException;
import io.parley.llm.ModelGateway;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelRequest;
import io.parley.llm.ModelSpec;
import io.parley.platform.Secret;
import io.parley.platform.egress.EgressHttp;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What every LangChain4j-backed provider shares: a bounded cache of built models (all on the egress client), the
 * message mapping, and the provider family's error mapping. Subclasses only say how to build their model.
 */
abstract class LangChainGateway implements ModelGateway {
    // Many tenants with distinct settings must not pile up built models.
    private static final int MAX_CACHED_MODELS = 256;
    private static final Duration IDLE_EXPIRY = Duration.ofHours(1);

    private final Cache<ModelKey, ChatModel> models = Caffeine.newBuilder()
            .maximumSize(MAX_CACHED_MODELS)
            .expireAfterAccess(IDLE_EXPIRY)
            .build();
    private final Cache<ModelKey, StreamingChatModel> streamingModels = Caffeine.newBuilder()
            .maximumSize(MAX_CACHED_MODELS)
            .expireAfterAccess(IDLE_EXPIRY)
            .build();
    private final ProviderFamily family;
    private final ModelErrorMapper errors;
    private final EgressHttp http;

    LangChainGateway(ProviderFamily family, EgressHttp http) {
        this.family = family;
        this.errors = new ModelErrorMapper(family);
        this.http = http;
    }

    /** Every model's HTTP client: through the egress policy (ADR 24), so a baseUrl reaches only allowed hosts. */
    HttpClientBuilder httpClient() {
        return http.langChain4j();
    }

    @Override
    public final String provider() {
        return family.provider();
    }

    /** The API base URL used when a chatbot sets none. */
    abstract String defaultBaseUrl();

    /** Builds the model for one configuration; LangChain4j's own retries must be off (Parley owns retrying). */
    abstract ChatModel build(ModelKey key);

    /**
     * Builds the streaming model for one configuration, on the same egress client; null when Parley does not stream
     * this provider (its calls then go through {@link #build} and emit no tokens).
     */
    StreamingChatModel buildStreaming(ModelKey key) {
        return null;
    }

    @Override
    public String server(ModelSpec spec) {
        return ServerName.of(ModelKey.of(spec, defaultBaseUrl()).baseUrl());
    }

    @Override
    public ModelReply chat(ModelRequest request) {
        ModelSpec spec = checked(request);
        ChatResponse response;
        try {
            ChatModel model = models.get(ModelKey.of(spec, defaultBaseUrl()), this::build);
            response = model.chat(LangChainMessages.toRequest(request));
        } catch (RuntimeException e) {
            throw errors.map(e, spec.apiKey());
        }
        return LangChainMessages.toReply(response, provider(), spec.name());
    }

    @Override
    public ModelReply chat(ModelRequest request, Consumer<String> tokens) {
        ModelSpec spec = checked(request);
        ModelKey key = ModelKey.of(spec, defaultBaseUrl());
        StreamingChatModel model;
        try {
            model = tokens == null
                    ? null
                    : streamingModels.get(key, k -> {
                        StreamingChatModel built = buildStreaming(k);
                        if (built == null) {
                            throw new NotStreamed();
                        }
                        return built;
                    });
        } catch (NotStreamed e) {
            model = null;
        } catch (RuntimeException e) {
            throw errors.map(e, spec.apiKey());
        }
        if (model == null) {
            return chat(request);
        }
        ChatResponse response;
        try {
            response = StreamedCall.run(model, LangChainMessages.toRequest(request), tokens, wholeCallLimit(spec));
        } catch (RuntimeException e) {
            throw errors.map(e, spec.apiKey());
        }
        return LangChainMessages.toReply(response, provider(), spec.name());
    }

    /**
     * The non-streaming call must deliver the whole reply within the timeout too; the grace covers a stream whose
     * socket timeout fires just before the limit, so the socket's own error is the one reported.
     */
    private static Duration wholeCallLimit(ModelSpec spec) {
        Duration timeout = spec.timeout() == null ? Duration.ofSeconds(60) : spec.timeout();
        return timeout.plusSeconds(5);
    }

    private ModelSpec checked(ModelRequest request) {
        ModelSpec spec = request.spec();
        if (spec.name() == null || spec.name().isBlank()) {
            throw new ModelException(
                    ModelException.Kind.INVALID_REQUEST,
                    provider(),
                    null,
                    "The " + provider() + " provider needs a model name",
                    null);
        }
        return spec;
    }

    /** A provider without a streaming model: not cached, answered by the plain call. */
    private static final class NotStreamed extends RuntimeException {
        NotStreamed() {
            super(null, null, false, false);
        }
    }

    int cachedModels() {
        models.cleanUp();
        return (int) models.estimatedSize();
    }

    /** Everything a built model is fixed to; the key is a Secret so the record prints it masked. */
    record ModelKey(
            String baseUrl, Secret apiKey, String name, double temperature, Duration timeout, Integer maxOutputTokens) {
        static ModelKey of(ModelSpec spec, String defaultBaseUrl) {
            String baseUrl = spec.baseUrl() == null || spec.baseUrl().isBlank() ? defaultBaseUrl : spec.baseUrl();
            return new ModelKey(
                    baseUrl, spec.apiKey(), spec.name(), spec.temperature(), spec.timeout(), spec.maxOutputTokens());
        }

        String revealedKey(String placeholder) {
            return apiKey == null || apiKey.reveal().isBlank() ? placeholder : apiKey.reveal();
        }
    }
}
