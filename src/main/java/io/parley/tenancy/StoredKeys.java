package io.parley.tenancy;

import io.parley.platform.ApiKeyRequiredException;
import java.util.Objects;

/**
 * A stored provider key stays with the provider and base URL it was entered with (ADR 25). A change that points a
 * model elsewhere while a key is stored must bring a new key or remove the old one; otherwise an admin could move
 * the key to a server of their choosing and read it from the Authorization header.
 */
final class StoredKeys {
    private StoredKeys() {}

    /** Throws {@code 400 api_key_required} naming the key field when {@code next} moves a stored key. */
    static void requireNewKeyWhenMoved(ModelSettings stored, ChatbotDraft.Model next) {
        requireNewKey(
                "model.apiKey",
                stored.apiKey() != null,
                stored.provider(),
                stored.baseUrl(),
                next.provider(),
                next.baseUrl(),
                next.apiKey());
        ModelSettings.FallbackModel fallback = stored.fallback();
        ChatbotDraft.Fallback nextFallback = next.fallback();
        if (fallback != null && nextFallback != null) {
            requireNewKey(
                    "model.fallback.apiKey",
                    fallback.apiKey() != null,
                    fallback.provider(),
                    fallback.baseUrl(),
                    nextFallback.provider(),
                    nextFallback.baseUrl(),
                    nextFallback.apiKey());
        }
    }

    /** {@code nextKey}: null keeps the stored key, empty removes it, anything else replaces it. */
    private static void requireNewKey(
            String field,
            boolean keyStored,
            String provider,
            String baseUrl,
            String nextProvider,
            String nextBaseUrl,
            String nextKey) {
        boolean moved = !Objects.equals(provider, nextProvider) || !Objects.equals(baseUrl, nextBaseUrl);
        if (keyStored && moved && nextKey == null) {
            throw new ApiKeyRequiredException(field);
        }
    }
}
