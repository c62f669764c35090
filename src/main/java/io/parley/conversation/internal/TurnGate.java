package io.parley.conversation.internal;

import io.parley.conversation.internal.ConversationRepository.ConversationRow;
import io.parley.conversation.internal.ConversationRepository.StoredMessage;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.ModelSettings;
import io.parley.usage.EffectiveLimits;
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
    record Stop(String text, String reason) {}

    private final Limits limits;

    TurnGate(Limits limits) {
        this.limits = limits;
    }

    Optional<Stop> check(ConversationRow conversation, Chatbot chatbot, List<StoredMessage> pending) {
        EffectiveLimits effective = limits.effective(conversation.organizationId());
        for (StoredMessage message : pending) {
            String tooLong = limits.tooLong(effective, message.content());
            if (tooLong != null) {
                return Optional.of(new Stop(tooLong, "message_too_long"));
            }
        }
        if (limits.check(conversation.organizationId(), conversation.contactId())
                instanceof LimitDecision.Refused refused) {
            return Optional.of(new Stop(
                    refused.tellContact() ? chatbot.fallbackMessages().limit() : null, "limit_" + refused.limit()));
        }
        return Optional.empty();
    }

    /** The chatbot with its tool rounds capped by the organization's plan. */
    Chatbot withPlanRounds(Chatbot chatbot) {
        Integer max = limits.effective(chatbot.organizationId()).maxToolRounds();
        ModelSettings m = chatbot.model();
        if (max == null || m.maxToolRounds() <= max) {
            return chatbot;
        }
        return chatbot.withModel(new ModelSettings(
                m.provider(),
                m.name(),
                m.baseUrl(),
                m.apiKey(),
                m.temperature(),
                m.timeout(),
                m.maxOutputTokens(),
                max,
                m.fallback()));
    }
}
