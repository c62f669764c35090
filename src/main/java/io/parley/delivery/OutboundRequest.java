package io.parley.delivery;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.ConversationId;
import io.parley.platform.MessageId;
import io.parley.platform.OrganizationId;
import java.util.Objects;

/**
 * A message to deliver.
 *
 * @param channel        the channel type's wire name ({@code whatsapp}, {@code webchat}); selects the sender
 * @param recipient      the channel's address of the contact (WhatsApp: wa_id, or the business-scoped user id)
 * @param lane           how urgent it is; bot and agent replies are {@link Lane#CONVERSATIONAL}
 * @param idempotencyKey unique per organization; null derives one from the message id
 * @param requestHash    what was asked for under the key (a caller's key reused for another request is a conflict)
 */
public record OutboundRequest(OrganizationId organizationId, ConversationId conversationId, MessageId messageId,
                              ChannelAccountId channelAccountId, String channel, String recipient, String text,
                              Lane lane, String idempotencyKey, String requestHash) {
    public OutboundRequest {
        Objects.requireNonNull(lane, "lane");
        if (idempotencyKey == null) {
            idempotencyKey = "message:" + messageId.value();
        }
    }

    /** A conversational message (bot or agent reply) without a caller-chosen idempotency key. */
    public OutboundRequest(OrganizationId organizationId, ConversationId conversationId, MessageId messageId,
                           ChannelAccountId channelAccountId, String channel, String recipient, String text) {
        this(organizationId, conversationId, messageId, channelAccountId, channel, recipient, text,
                Lane.CONVERSATIONAL, null, null);
    }
}
