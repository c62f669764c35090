package io.parley.tenancy.internal;

import io.parley.platform.Ids;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.ApiKey;
import io.parley.tenancy.ApiKeyId;
import io.parley.tenancy.ApiKeys;
import io.parley.tenancy.CreatedApiKey;
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

/** Organization API keys for the operator. The plaintext key appears only in the answer to its creation. */
@RestController
@RequestMapping("/api/v1/organizations/{orgId}/api-keys")
class ApiKeyController {
    private final ApiKeys apiKeys;

    ApiKeyController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    record CreateApiKey(String name) {
    }

    record CreatedView(UUID id, String name, String prefix, String key, Instant createdAt) {
    }

    record ApiKeyView(UUID id, String name, String prefix, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
        static ApiKeyView of(ApiKey k) {
            return new ApiKeyView(k.id().value(), k.name(), k.prefix(), k.createdAt(), k.lastUsedAt(), k.revokedAt());
        }
    }

    @PostMapping
    ResponseEntity<CreatedView> create(@PathVariable String orgId, @RequestBody(required = false) CreateApiKey request) {
        CreatedApiKey created = apiKeys.create(organization(orgId), request == null ? null : request.name());
        ApiKey key = created.apiKey();
        return ResponseEntity.created(URI.create("/api/v1/organizations/" + orgId + "/api-keys/" + key.id()))
                .body(new CreatedView(key.id().value(), key.name(), key.prefix(), created.key(), key.createdAt()));
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
