package io.parley.notifications.push;

import io.parley.access.StaffUserId;
import io.parley.platform.OrganizationId;
import java.time.Instant;
import java.util.UUID;

/**
 * A browser's push subscription for a member of staff: where to POST ({@code endpoint}) and the browser's public key
 * to encrypt for ({@code p256dh}, the 65-byte point). The 16-byte auth secret stays sealed in the row until a send
 * opens it ({@link PushSubscriptionRepository#authSecret}).
 *
 * @param expirationTime when the browser said the subscription ends, or null
 * @param expiredAt      when a push service answered 404 or 410 for it (retired), or null while current
 */
record PushSubscription(
        UUID id,
        OrganizationId organizationId,
        StaffUserId staffUserId,
        String endpoint,
        byte[] p256dh,
        Instant expirationTime,
        Instant createdAt,
        Instant updatedAt,
        Instant expiredAt) {

    boolean current() {
        return expiredAt == null;
    }
}
