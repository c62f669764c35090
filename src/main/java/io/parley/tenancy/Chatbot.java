package io.parley.tenancy;

import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import java.time.Instant;
import java.util.List;

public record Chatbot(ChatbotId id, OrganizationId organizationId, String name, String systemPrompt, String persona,
                      FallbackMessages fallbackMessages, ModelSettings model, List<FaqEntry> faq, Instant createdAt) {
    public Chatbot {
        faq = List.copyOf(faq);
    }
}
