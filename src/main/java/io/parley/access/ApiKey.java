package io.parley.access;

import io.parley.platform.OrganizationId;
import java.time.Instant;

/** An organization API key as it can be shown: never the key itself, only its first characters. */
public record ApiKey(
        ApiKeyId id,
        OrganizationId organizationId,
        String name,
        String prefix,
        Role role,
        Instant createdAt,
        Instant lastUsedAt,
        Instant revokedAt) {
    public boolean revoked() {
        return revokedAt != null;
    }
}
