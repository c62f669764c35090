package io.parley.notifications;

import io.parley.access.StaffUserId;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.OrganizationId;
import java.util.Objects;
import java.util.UUID;

/**
 * One notification to one member of staff on one channel.
 *
 * @param deliveryId the delivery's id: the same id is the same notification (a retry), for the channel's dedupe
 * @param address    the contact point's address on the channel (an email address, a chat id, a push subscription
 *                   id)
 * @param via        the channel account the address was linked through (a chat bot), or null
 */
public record StaffDelivery(
        UUID deliveryId,
        OrganizationId organizationId,
        StaffUserId staffUserId,
        String address,
        ChannelAccountId via,
        RenderedNotification content) {
    public StaffDelivery {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(content, "content");
    }
}
