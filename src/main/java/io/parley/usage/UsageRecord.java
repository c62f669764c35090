package io.parley.usage;

import io.parley.platform.ChatbotId;
import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import io.parley.platform.TurnId;
import java.math.BigDecimal;

/** @param cost null when the price is unknown (never a guess) */
public record UsageRecord(OrganizationId organizationId, ChatbotId chatbotId, ContactId contactId,
                          ConversationId conversationId, TurnId turnId, String provider, String model,
                          int tokensIn, int tokensOut, BigDecimal cost) {
    public UsageRecord {
        tokensIn = Math.max(0, tokensIn);
        tokensOut = Math.max(0, tokensOut);
    }
}
