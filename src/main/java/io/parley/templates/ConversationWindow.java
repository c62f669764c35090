package io.parley.templates;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import io.parley.platform.channel.ChannelType;
import java.time.Instant;

/**
 * @param expiresAt the contact's last inbound message plus 24 hours; null when the contact never wrote
 */
public record ConversationWindow(
        ConversationId conversationId,
        OrganizationId organizationId,
        ChatbotId chatbotId,
        ChannelAccountId channelAccountId,
        ChannelType channel,
        ContactId contactId,
        Instant expiresAt) {
    public boolean isOpenAt(Instant now) {
        return expiresAt != null && now.isBefore(expiresAt);
    }
}
