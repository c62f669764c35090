package io.parley.tenancy.internal;

import io.parley.access.RouteRoot;
import io.parley.platform.ChatbotId;
import io.parley.platform.Ids;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.Chatbot;
import io.parley.tenancy.Chatbots;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** {@code botId} roots a route in the organization that owns the chatbot (ADR 16). */
@Component
class ChatbotRoot implements RouteRoot {
    private final Chatbots chatbots;

    ChatbotRoot(Chatbots chatbots) {
        this.chatbots = chatbots;
    }

    @Override
    public String variable() {
        return "botId";
    }

    @Override
    public void requireIn(OrganizationId organization, String value) {
        chatbots.getInOrganization(organization, Ids.parse(value, "chatbot", ChatbotId::new));
    }

    @Override
    public Optional<OrganizationId> owner(String value) {
        try {
            return chatbots.find(new ChatbotId(UUID.fromString(value))).map(Chatbot::organizationId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
