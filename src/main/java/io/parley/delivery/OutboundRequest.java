package io.parley.delivery;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.ConversationId;
import io.parley.platform.MessageId;
import io.parley.platform.OrganizationId;
import io.parley.platform.channel.ChannelType;
import java.util.Objects;

/**
 * A message to deliver.
 *
 * @param channel          the channel type; selects the sender
 * @param recipient        the channel's address of the contact (one of its identities, of a kind the channel addresses)
 * @param content          what to send (validated by the caller with {@link OutboundContent#validate()})
 * @param contextMessageId the provider id (wamid) of the message this one replies to, or null
 * @param lane             how urgent it is; bot and agent replies are {@link Lane#CONVERSATIONAL}
 * @param idempotencyKey   unique per organization; null derives one from the message id
 * @param requestHash      what was asked for under the key (a caller's key reused for another request is a conflict)
 */
public record OutboundRequest(
        OrganizationId organizationId,
        ConversationId conversationId,
        MessageId messageId,
        ChannelAccountId channelAccountId,
        ChannelType channel,
        String recipient,
        OutboundContent content,
        String contextMessageId,
        Lane lane,
        String idempotencyKey,
        String requestHash) {
    public OutboundRequest {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(content, "content");
        if (idempotencyKey == null) {
            idempotencyKey = "message:" + messageId.value();
        }
    }

    /** A text message. */
    public OutboundRequest(
            OrganizationId organizationId,
            ConversationId conversationId,
            MessageId messageId,
            ChannelAccountId channelAccountId,
            ChannelType channel,
            String recipient,
            String text,
            Lane lane,
            String idempotencyKey,
            String requestHash) {
        this(
                organizationId,
                conversationId,
                messageId,
                channelAccountId,
                channel,
                recipient,
                new OutboundContent.Text(text),
                null,
                lane,
                idempotencyKey,
                requestHash);
    }

    /** A conversational message (bot or agent reply) without a caller-chosen idempotency key. */
    public OutboundRequest(
            OrganizationId organizationId,
            ConversationId conversationId,
            MessageId messageId,
            ChannelAccountId channelAccountId,
            ChannelType channel,
            String recipient,
            String text) {
        this(
                organizationId,
                conversationId,
                messageId,
                channelAccountId,
                channel,
                recipient,
                text,
                Lane.CONVERSATIONAL,
                null,
                null);
    }

    /** The text rendering of the content (the text itself for a text message). */
    public String text() {
        return content.transcript();
    }
}
