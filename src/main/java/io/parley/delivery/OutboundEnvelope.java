package io.parley.delivery;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.OrganizationId;
import io.parley.platform.OutboundMessageId;

/** What a {@link ChannelSender} gets: our outbound id travels along so the provider can echo it back. */
public record OutboundEnvelope(OutboundMessageId id, OrganizationId organizationId, ChannelAccountId channelAccountId,
                               String recipient, String text, int attempt) {
}
