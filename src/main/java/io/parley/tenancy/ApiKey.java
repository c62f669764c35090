package io.parley.tenancy;

import io.parley.platform.OrganizationId;
import io.parley.platform.web.Role;
import java.time.Instant;

/** An organization API key as it can be shown: never the key itself, only its first characters. */
public record ApiKey(ApiKeyId id, OrganizationId organizationId, String name, String prefix, Role role,
                     Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    public boolean revoked() {
        return revokedAt != null;
    }
}
