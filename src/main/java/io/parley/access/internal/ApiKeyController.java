package io.parley.access.internal;

import io.parley.access.ApiKey;
import io.parley.access.ApiKeyId;
import io.parley.access.ApiKeys;
import io.parley.access.Caller;
import io.parley.access.CreatedApiKey;
import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.platform.ForbiddenException;
import io.parley.platform.Ids;
import io.parley.platform.OrganizationId;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Organization API keys, managed by the organization's admins. The plaintext key appears only in the answer to its
 * creation; nobody can mint a key stronger than themselves.
 */
@RestController
@RequiresRole(Role.ADMIN)
@RequestMapping("/api/v1/organizations/{orgId}/api-keys")
class ApiKeyController {
    private final ApiKeys apiKeys;

    ApiKeyController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    record CreateApiKey(String name, String role) {}

    record CreatedView(UUID id, String name, String prefix, String role, String key, Instant createdAt) {}

    record ApiKeyView(
            UUID id,
            String name,
            String prefix,
            String role,
            Instant createdAt,
            Instant lastUsedAt,
            Instant revokedAt) {
        static ApiKeyView of(ApiKey k) {
            return new ApiKeyView(
                    k.id().value(),
                    k.name(),
                    k.prefix(),
                    k.role().wireName(),
                    k.createdAt(),
                    k.lastUsedAt(),
                    k.revokedAt());
        }
    }

    @PostMapping
    ResponseEntity<CreatedView> create(
            @PathVariable String orgId, @RequestBody(required = false) CreateApiKey request) {
        Role role = request == null || request.role() == null ? Role.ADMIN : Role.parse("role", request.role());
        if (role != Role.OWNER
                && !Caller.current().map(actor -> actor.hasAtLeast(role)).orElse(false)) {
            throw new ForbiddenException(
                    "A key cannot have a stronger role than its creator (" + role.wireName() + " requested)");
        }
        CreatedApiKey created = apiKeys.create(organization(orgId), request == null ? null : request.name(), role);
        ApiKey key = created.apiKey();
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + orgId + "/api-keys/" + key.id()))
                .body(new CreatedView(
                        key.id().value(),
                        key.name(),
                        key.prefix(),
                        key.role().wireName(),
                        created.key(),
                        key.createdAt()));
    }

    @GetMapping
    List<ApiKeyView> list(@PathVariable String orgId) {
        return apiKeys.list(organization(orgId)).stream().map(ApiKeyView::of).toList();
    }

    @DeleteMapping("/{keyId}")
    ResponseEntity<Void> revoke(@PathVariable String orgId, @PathVariable String keyId) {
        apiKeys.revoke(organization(orgId), Ids.parse(keyId, "api_key", ApiKeyId::new));
        return ResponseEntity.noContent().build();
    }

    private static OrganizationId organization(String value) {
        return Ids.parse(value, "organization", OrganizationId::new);
    }
}
