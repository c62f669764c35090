package io.parley.actionlinks;

import io.parley.platform.OrganizationId;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A stored action link as its purpose sees it: the organization that issued it, what it does ({@code purpose}) to
 * what ({@code subjectId}, e.g. a payment id), the issuer's {@code payload}, its expiry and uses. The token itself is
 * not here: Parley keeps only its hash.
 */
public record ActionLink(
        UUID id,
        OrganizationId organizationId,
        String purpose,
        String subjectId,
        Map<String, Object> payload,
        Instant expiresAt,
        int maxUses,
        int uses,
        Instant createdAt,
        Instant lastUsedAt) {

    public ActionLink {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        // A copy that keeps JSON nulls (Map.copyOf refuses them).
        payload = payload == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(payload));
    }

    /** Why the link cannot be used at {@code now}; empty when it can. */
    public Optional<TokenRefusal> refusalAt(Instant now) {
        if (uses >= maxUses) {
            return Optional.of(TokenRefusal.USED);
        }
        return now.isBefore(expiresAt) ? Optional.empty() : Optional.of(TokenRefusal.EXPIRED);
    }

    public int usesLeft() {
        return Math.max(0, maxUses - uses);
    }
}
