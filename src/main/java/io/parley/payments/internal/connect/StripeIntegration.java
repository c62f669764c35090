package io.parley.payments.internal.connect;

import io.parley.platform.OrganizationId;
import io.parley.platform.Secret;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An organization's Stripe account as Parley uses it: the secret (or restricted) key Parley calls Stripe with, and
 * the webhook signing secrets it accepts: the current one, and the one a rotation replaced until {@code
 * previousValidUntil}.
 */
public record StripeIntegration(
        UUID id,
        OrganizationId organizationId,
        String mode,
        Secret secretKey,
        Secret webhookSecret,
        Secret previousWebhookSecret,
        Instant previousValidUntil,
        Instant connectedAt) {
    /** The signing secrets valid at {@code now}, current first. */
    public List<Secret> signingSecrets(Instant now) {
        if (previousWebhookSecret != null && previousValidUntil != null && now.isBefore(previousValidUntil)) {
            return List.of(webhookSecret, previousWebhookSecret);
        }
        return List.of(webhookSecret);
    }

    public boolean livemode() {
        return "live".equals(mode);
    }
}
