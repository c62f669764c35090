package io.parley.contacts;

import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import java.time.Instant;
import java.util.List;

/**
 * Port: the conversations a contact has, across the organization's chatbots and channels (the conversation module
 * implements it; contacts must not depend on that module).
 */
public interface ContactConversations {
    /** Most recent first, at most {@code limit}. */
    List<Entry> of(OrganizationId organizationId, ContactId contactId, int limit);

    /** @param channel the channel's wire name ({@code whatsapp}, {@code web}, ...) */
    record Entry(
            ConversationId id,
            ChatbotId chatbotId,
            String channel,
            String owner,
            Instant lastMessageAt,
            Instant createdAt) {}
}
