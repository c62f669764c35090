package io.parley.notifications.push;

import io.parley.platform.OrganizationId;
import io.parley.tenancy.Organizations;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * Each organization's VAPID key pair (ADR 63), made on first need: the public key is what a browser subscribes with
 * ({@code applicationServerKey}), the private key signs every push request. Rotating it would end every
 * subscription, so nothing here rotates it.
 */
@Component
class VapidKeys {
    private final VapidKeyRepository repository;
    private final Organizations organizations;
    private final Clock clock;

    VapidKeys(VapidKeyRepository repository, Organizations organizations, Clock clock) {
        this.repository = repository;
        this.organizations = organizations;
        this.clock = clock;
    }

    /** The organization's pair, made and stored now when it has none; 404 for an unknown organization. */
    KeyPair keyPair(OrganizationId organization) {
        return repository.find(organization).orElseGet(() -> {
            organizations.get(organization);
            KeyPair made = P256.generate();
            repository.insertIfAbsent(
                    organization,
                    P256.encode((ECPublicKey) made.getPublic()),
                    P256.encode((ECPrivateKey) made.getPrivate()),
                    clock.instant());
            return repository.find(organization).orElseThrow();
        });
    }

    /** The public key as a browser takes it: the 65-byte uncompressed point, base64url without padding. */
    String publicKey(OrganizationId organization) {
        return VapidTokens.encode(
                P256.encode((ECPublicKey) keyPair(organization).getPublic()));
    }
}
