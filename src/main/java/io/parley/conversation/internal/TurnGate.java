package io.parley.conversation.internal;

import io.parley.conversation.internal.ConversationRepository.ConversationRow;
import io.parley.conversation.internal.ConversationRepository.StoredMessage;
import io.parley.tenancy.Chatbot;
import io.parley.usage.LimitDecision;
import io.parley.usage.Limits;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * What is checked before a turn may call the model: message length, then the organization's monthly limits and the
 * contact's daily budget. Checked before the work, never after sending (seed 003 billed after delivery).
 */
@Component
class TurnGate {
    /** @param text the reply, or null to stay silent */
    record Stop(String text, String reason) {
    }

    private final Limits limits;

    TurnGate(Limits limits) {
        this.limits = limits;
    }

    Optional<Stop> check(ConversationRow conversation, Chatbot chatbot, List<StoredMessage> pending) {
        for (StoredMessage message : pending) {
            String tooLong = limits.tooLong(conversation.organizationId(), message.content());
            if (tooLong != null) {
                return Optional.of(new Stop(tooLong, "message_too_long"));
            }
        }
        if (limits.check(conversation.organizationId(), conversation.contactId())
                instanceof LimitDecision.Refused refused) {
            return Optional.of(new Stop(refused.tellContact() ? chatbot.fallbackMessages().limit() : null,
                    "limit_" + refused.limit()));
        }
        return Optional.empty();
    }
}
