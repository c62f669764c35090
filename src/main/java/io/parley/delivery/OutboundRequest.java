package io.parley.delivery;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.ConversationId;
import io.parley.platform.MessageId;
import io.parley.platform.OrganizationId;

/**
 * A message to deliver.
 *
 * @param channel   the channel type's wire name ({@code whatsapp}, {@code webchat}); selects the sender
 * @param recipient the channel's address of the contact (WhatsApp: wa_id, or the business-scoped user id)
 */
public record OutboundRequest(OrganizationId organizationId, ConversationId conversationId, MessageId messageId,
                              ChannelAccountId channelAccountId, String channel, String recipient, String text) {
}
