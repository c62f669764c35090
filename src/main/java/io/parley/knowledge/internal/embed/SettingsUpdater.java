package io.parley.knowledge.internal.embed;

import io.parley.knowledge.KnowledgeSettings;
import io.parley.knowledge.KnowledgeSettingsUpdate;
import io.parley.knowledge.internal.SettingsRepository;
import io.parley.platform.ChatbotId;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.OrganizationId;
import io.parley.platform.Secret;
import io.parley.platform.egress.EgressPolicy;
import java.util.Objects;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Validates and merges a settings update; reports whether the embedding model changed. */
@Component
public class SettingsUpdater {
    static final Set<String> PROVIDERS = Set.of("local", "openai", "gemini", "ollama");

    private final SettingsRepository settings;
    private final EgressPolicy egress;

    SettingsUpdater(SettingsRepository settings, EgressPolicy egress) {
        this.settings = settings;
        this.egress = egress;
    }

    public static KnowledgeSettings view(SettingsRepository.Stored stored) {
        String model = "local".equals(stored.provider())
                ? "all-minilm-l6-v2"
                : Embedders.modelIdOf(stored.provider(), stored.model())
                        .substring(stored.provider().length() + 1);
        return new KnowledgeSettings(
                stored.provider(),
                model,
                stored.baseUrl(),
                stored.apiKey() != null,
                stored.chunkSize(),
                stored.chunkOverlap());
    }

    public boolean update(OrganizationId organizationId, ChatbotId chatbotId, KnowledgeSettingsUpdate update) {
        if (update == null) {
            throw new InvalidRequestException("validation_failed", "A JSON object is required");
        }
        SettingsRepository.Stored current = settings.find(chatbotId);
        String provider = update.provider() == null ? current.provider() : update.provider();
        if (!PROVIDERS.contains(provider)) {
            throw new InvalidRequestException("validation_failed", "embedding.provider must be one of " + PROVIDERS);
        }
        boolean providerChanged = !provider.equals(current.provider());
        String model = blankToNull(update.model() != null ? update.model() : providerChanged ? null : current.model());
        String baseUrl =
                blankToNull(update.baseUrl() != null ? update.baseUrl() : providerChanged ? null : current.baseUrl());
        if ("local".equals(provider)) {
            model = null;
            baseUrl = null;
        }
        int size = update.chunkSize() == null ? current.chunkSize() : update.chunkSize();
        int overlap = update.chunkOverlap() == null ? current.chunkOverlap() : update.chunkOverlap();
        if (size < 200 || size > 8000) {
            throw new InvalidRequestException("validation_failed", "chunkSize must be between 200 and 8000");
        }
        if (overlap < 0 || overlap >= size / 2) {
            throw new InvalidRequestException("validation_failed", "chunkOverlap must be >= 0 and below chunkSize / 2");
        }
        boolean keyChange = update.apiKey() != null;
        EmbeddingKeys.requireNewKeyWhenMoved(current, provider, baseUrl, keyChange);
        Secret key = keyChange ? (update.apiKey().isEmpty() ? null : Secret.of(update.apiKey())) : current.apiKey();
        if (!"local".equals(provider) && !"ollama".equals(provider) && key == null) {
            throw new InvalidRequestException("validation_failed", "embedding.apiKey is required for " + provider);
        }
        checkEgress(provider, baseUrl);
        settings.save(
                organizationId,
                chatbotId,
                new SettingsRepository.Stored(provider, model, baseUrl, key, size, overlap),
                keyChange);
        return !Embedders.modelIdOf(provider, model).equals(Embedders.modelIdOf(current.provider(), current.model()))
                || !Objects.equals(baseUrl, current.baseUrl());
    }

    /** The embedding server must be one the egress policy lets Parley reach, Ollama's local default included. */
    private void checkEgress(String provider, String baseUrl) {
        if (baseUrl != null) {
            egress.check("embedding.baseUrl", baseUrl);
        } else if ("ollama".equals(provider)) {
            egress.checkDefault(
                    "embedding.baseUrl",
                    RemoteEmbedder.OLLAMA_DEFAULT_BASE_URL,
                    "without a baseUrl, provider ollama uses");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
