package io.parley.console.settings;

import io.parley.access.ApiKey;
import io.parley.console.operations.UtcTimes;

/** An API key as the settings page lists it: never the key, only its first characters. */
public record ApiKeyRow(ApiKey key) {
    public String created() {
        return UtcTimes.format(key.createdAt());
    }

    public String lastUsed() {
        return UtcTimes.format(key.lastUsedAt());
    }

    public String revokedAt() {
        return UtcTimes.format(key.revokedAt());
    }
}
