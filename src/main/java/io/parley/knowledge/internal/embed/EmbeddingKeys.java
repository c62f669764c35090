package io.parley.knowledge.internal.embed;

import io.parley.knowledge.internal.SettingsRepository;
import io.parley.platform.ApiKeyRequiredException;
import java.util.Objects;

/**
 * A stored embedding key stays with the provider and base URL it was entered with (ADR 25): a settings change
 * that points the embedding model elsewhere must bring a new key or remove the stored one ({@code "apiKey": ""}).
 */
final class EmbeddingKeys {
    private EmbeddingKeys() {}

    /** Throws {@code 400 api_key_required} naming {@code embedding.apiKey} when the change moves a stored key. */
    static void requireNewKeyWhenMoved(
            SettingsRepository.Stored current, String provider, String baseUrl, boolean keyChange) {
        boolean moved = !provider.equals(current.provider()) || !Objects.equals(baseUrl, current.baseUrl());
        if (current.apiKey() != null && moved && !keyChange) {
            throw new ApiKeyRequiredException("embedding.apiKey");
        }
    }
}
