package io.parley.access;

import io.parley.access.internal.ApiKeyRepository;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;

/**
 * Organization API keys: {@code pk_} followed by 40 random base62 characters (about 238 bits). Only the SHA-256
 * of a key is stored, so a database dump does not hand out working keys; a key is shown once, on creation.
 */
@Service
public class ApiKeys {
    static final String KEY_PREFIX = "pk_";
    private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int RANDOM_CHARS = 40;
    private static final int SHOWN_CHARS = KEY_PREFIX.length() + 6;
    // last_used_at is a hint for the operator, not an audit log: one write per key and minute is enough.
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    private final ApiKeyRepository repository;
    private final KnownOrganizations organizations;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiKeys(ApiKeyRepository repository, KnownOrganizations organizations, Clock clock) {
        this.repository = repository;
        this.organizations = organizations;
        this.clock = clock;
    }

    /** Creates an admin key; the returned plaintext cannot be recovered later. */
    public CreatedApiKey create(OrganizationId organizationId, String name) {
        return create(organizationId, name, Role.ADMIN);
    }

    /** Creates a key with {@code role} (admin or agent: an owner is a person, never a key). */
    public CreatedApiKey create(OrganizationId organizationId, String name, Role role) {
        organizations.require(organizationId);
        String trimmed = Validation.requireText("name", name, 100);
        if (role == Role.OWNER) {
            throw new InvalidRequestException(
                    "validation_failed", "role must be admin or agent", java.util.Map.of("field", "role"));
        }
        String key = newKey();
        ApiKey created = repository.insert(
                new ApiKeyId(UUID.randomUUID()),
                organizationId,
                trimmed,
                key.substring(0, SHOWN_CHARS),
                role,
                hash(key),
                clock.instant());
        return new CreatedApiKey(created, key);
    }

    /** The organization a presented key belongs to; empty for unknown, malformed or revoked keys. */
    public Optional<OrganizationId> authenticate(String presented) {
        return authenticateKey(presented).map(ApiKey::organizationId);
    }

    /** The active key a presented key is, with its role; records the use (at most once a minute). */
    public Optional<ApiKey> authenticateKey(String presented) {
        if (presented == null || !presented.startsWith(KEY_PREFIX) || presented.length() > 200) {
            return Optional.empty();
        }
        Optional<ApiKey> key = repository.findActiveByHash(hash(presented));
        Instant now = clock.instant();
        key.ifPresent(k -> repository.touch(k.id(), now, now.minus(LAST_USED_RESOLUTION)));
        return key;
    }

    public List<ApiKey> list(OrganizationId organizationId) {
        organizations.require(organizationId);
        return repository.list(organizationId);
    }

    /** Revokes the key at once; revoking a revoked key again is fine. Another organization's key is not found. */
    public ApiKey revoke(OrganizationId organizationId, ApiKeyId id) {
        organizations.require(organizationId);
        repository.revoke(organizationId, id, clock.instant());
        return repository
                .find(organizationId, id)
                .orElseThrow(() -> new NotFoundException("api_key_not_found", "No API key with id '" + id + "'"));
    }

    private String newKey() {
        StringBuilder key = new StringBuilder(KEY_PREFIX);
        for (int i = 0; i < RANDOM_CHARS; i++) {
            key.append(BASE62.charAt(random.nextInt(BASE62.length())));
        }
        return key.toString();
    }

    static String hash(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
