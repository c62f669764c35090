package io.parley.tools;

import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import java.util.Objects;

/** Who a tool runs for. Tools scope everything they read or write by {@code organizationId}. */
public record ToolContext(
        OrganizationId organizationId,
        ChatbotId chatbotId,
        ConversationId conversationId,
        ContactId contactId,
        int round) {
    public ToolContext {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(chatbotId, "chatbotId");
    }
}
