package io.parley.tenancy;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import java.time.Instant;

/**
 * A connection of a chatbot to a channel.
 *
 * @param externalId the channel's own id for it: the WhatsApp phone number id, or the chatbot id for web chat
 */
public record ChannelAccount(ChannelAccountId id, OrganizationId organizationId, ChatbotId chatbotId,
                             ChannelType type, String externalId, Instant createdAt) {
}
