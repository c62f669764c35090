package io.parley.llm.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.parley.llm.ModelException;
import io.parley.llm.ModelGateway;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelRequest;
import io.parley.llm.ModelSpec;
import io.parley.platform.Secret;
import io.parley.platform.egress.EgressHttp;
import java.time.Duration;

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

    @Override
    public ModelReply chat(ModelRequest request) {
        ModelSpec spec = request.spec();
        if (spec.name() == null || spec.name().isBlank()) {
            throw new ModelException(ModelException.Kind.INVALID_REQUEST, provider(), null,
                    "The " + provider() + " provider needs a model name", null);
        }
        ChatResponse response;
        try {
            ChatModel model = models.get(ModelKey.of(spec, defaultBaseUrl()), this::build);
            response = model.chat(LangChainMessages.toRequest(request));
        } catch (RuntimeException e) {
            throw errors.map(e, spec.apiKey());
        }
        return LangChainMessages.toReply(response, provider(), spec.name());
    }

    int cachedModels() {
        models.cleanUp();
        return (int) models.estimatedSize();
    }

    /** Everything a built model is fixed to; the key is a Secret so the record prints it masked. */
    record ModelKey(String baseUrl, Secret apiKey, String name, double temperature, Duration timeout,
                    Integer maxOutputTokens) {
        static ModelKey of(ModelSpec spec, String defaultBaseUrl) {
            String baseUrl = spec.baseUrl() == null || spec.baseUrl().isBlank() ? defaultBaseUrl : spec.baseUrl();
            return new ModelKey(baseUrl, spec.apiKey(), spec.name(), spec.temperature(), spec.timeout(),
                    spec.maxOutputTokens());
        }

        String revealedKey(String placeholder) {
            return apiKey == null || apiKey.reveal().isBlank() ? placeholder : apiKey.reveal();
        }
    }
}
