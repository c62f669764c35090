package io.parley.delivery;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.OrganizationId;
import io.parley.platform.OutboundMessageId;

/**
 * What a {@link ChannelSender} gets: our outbound id travels along so the provider can echo it back.
 *
 * @param contextMessageId the provider id of the message this one replies to, or null
 */
public record OutboundEnvelope(
        OutboundMessageId id,
        OrganizationId organizationId,
        ChannelAccountId channelAccountId,
        String recipient,
        OutboundContent content,
        String contextMessageId,
        int attempt) {

    /** A text message. */
    public OutboundEnvelope(
            OutboundMessageId id,
            OrganizationId organizationId,
            ChannelAccountId channelAccountId,
            String recipient,
            String text,
            int attempt) {
        this(id, organizationId, channelAccountId, recipient, new OutboundContent.Text(text), null, attempt);
    }

    /** The text rendering of the content, for channels that show only text. */
    public String text() {
        return content.transcript();
    }
}
