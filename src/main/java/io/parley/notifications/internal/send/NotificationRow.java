package io.parley.notifications.internal.send;

import io.parley.access.StaffUserId;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.OrganizationId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One staff notification: one template to one member of staff at one address of one channel. */
public record NotificationRow(
        UUID id,
        OrganizationId organizationId,
        StaffUserId staffUserId,
        String channel,
        String address,
        ChannelAccountId via,
        String template,
        Map<String, String> variables,
        Long eventId,
        boolean test,
        String status,
        int attempts,
        String lastError,
        Instant requestedAt,
        Instant sentAt) {

    /** Milliseconds from the request to the provider's acceptance; null until sent. */
    public Long deliveryTimeMs() {
        return sentAt == null ? null : Math.max(0, sentAt.toEpochMilli() - requestedAt.toEpochMilli());
    }
}
