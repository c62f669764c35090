package io.parley.tenancy;

import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import java.time.Instant;
import java.util.List;

/**
 * @param active    false while an admin paused the chatbot: its messages are stored and not answered
 * @param resumedAt when it was last switched back to active, or null if it was never paused; messages that arrived
 *                  before it are never answered (ADR 33)
 */
public record Chatbot(ChatbotId id, OrganizationId organizationId, String name, String systemPrompt, String persona,
                      FallbackMessages fallbackMessages, ModelSettings model, List<FaqEntry> faq, Instant createdAt,
                      boolean active, Instant resumedAt) {
    public Chatbot {
        faq = List.copyOf(faq);
    }

    /** This chatbot with other model settings (e.g. capped by a plan), everything else kept. */
    public Chatbot withModel(ModelSettings settings) {
        return new Chatbot(id, organizationId, name, systemPrompt, persona, fallbackMessages, settings, faq, createdAt,
                active, resumedAt);
    }
}
