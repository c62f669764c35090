package io.parley.payments.internal.connect;

import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.payments.internal.StripeProperties;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import io.parley.platform.PublicUrl;
import io.parley.platform.Secret;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Connects, rotates, shows and disconnects an organization's Stripe integration. A second connect rotates: the new
 * keys replace the old ones at once, and the webhook secret they replace stays valid for {@code
 * parley.stripe.secret-roll-period}, so events Stripe signed with it during its own roll are not refused.
 */
@Service
public class StripeConnections {
    /** What an answer may show: never a key or secret. */
    public record View(UUID id, String webhookUrl, String mode, Instant connectedAt) {}

    private final StripeIntegrationRepository repository;
    private final StripeProperties properties;
    private final PublicUrl publicUrl;
    private final SystemEvents events;
    private final Clock clock;

    StripeConnections(
            StripeIntegrationRepository repository,
            StripeProperties properties,
            PublicUrl publicUrl,
            SystemEvents events,
            Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.publicUrl = publicUrl;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public View connect(OrganizationId organization, String secretKey, String webhookSecret) {
        String mode = StripeKeys.modeOf(secretKey);
        StripeKeys.checkWebhookSecret(webhookSecret);
        Instant now = clock.instant();
        var existing = repository.lockByOrganization(organization);
        UUID id;
        if (existing.isEmpty()) {
            id = UUID.randomUUID();
            repository.insert(id, organization, mode, secretKey, webhookSecret, now);
        } else {
            id = existing.get().id();
            Secret old = existing.get().webhookSecret();
            boolean secretChanged = !old.equals(Secret.of(webhookSecret));
            repository.rotate(
                    id,
                    mode,
                    secretKey,
                    webhookSecret,
                    secretChanged ? old : null,
                    secretChanged ? now.plus(properties.secretRollPeriod()) : null,
                    now);
        }
        events.record(SystemEvent.of(SystemEvent.Level.INFO, existing.isEmpty() ? "stripe.connected" : "stripe.rotated")
                .organization(organization)
                .with("integrationId", id.toString())
                .with("mode", mode)
                .build());
        return view(repository.find(id).orElseThrow());
    }

    public View get(OrganizationId organization) {
        return repository.findByOrganization(organization).map(this::view).orElseThrow(StripeConnections::notConnected);
    }

    @Transactional
    public void disconnect(OrganizationId organization) {
        if (!repository.delete(organization)) {
            throw notConnected();
        }
        events.record(SystemEvent.of(SystemEvent.Level.INFO, "stripe.disconnected")
                .organization(organization)
                .build());
    }

    private View view(StripeIntegration integration) {
        return new View(
                integration.id(),
                publicUrl.resolve("/webhooks/stripe/" + integration.id()),
                integration.mode(),
                integration.connectedAt());
    }

    private static NotFoundException notConnected() {
        return new NotFoundException("stripe_integration_not_found", "This organization has not connected Stripe");
    }
}
