package io.parley.conversation;

import io.parley.contacts.Contact;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import io.parley.platform.channel.ChannelType;
import java.time.Instant;

public record ConversationSummary(
        ConversationId id,
        OrganizationId organizationId,
        ChatbotId chatbotId,
        ChannelAccountId channelAccountId,
        ChannelType channel,
        Contact contact,
        Owner owner,
        Instant lastMessageAt,
        Instant createdAt) {}
