package io.parley.tenancy;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import io.parley.platform.channel.ChannelType;
import java.time.Instant;

/**
 * A connection of a chatbot to a channel.
 *
 * @param externalId         the channel's own id for it: the WhatsApp phone number id, or the chatbot id for web chat
 * @param businessAccountId  the WhatsApp Business Account (WABA) id given when connecting, or null
 * @param displayPhoneNumber the number as Meta showed it when the connection was verified, or null
 * @param verifiedName       the business name Meta showed for it then, or null
 */
public record ChannelAccount(
        ChannelAccountId id,
        OrganizationId organizationId,
        ChatbotId chatbotId,
        ChannelType type,
        String externalId,
        String businessAccountId,
        String displayPhoneNumber,
        String verifiedName,
        Instant createdAt) {}
