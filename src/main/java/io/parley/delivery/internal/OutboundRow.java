package io.parley.delivery.internal;

import io.parley.delivery.DeliveryStatus;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import io.parley.platform.OutboundMessageId;

record OutboundRow(OutboundMessageId id, OrganizationId organizationId, ConversationId conversationId,
                   ChannelAccountId channelAccountId, String channel, String recipient, String text,
                   DeliveryStatus status, int attempts) {
}
