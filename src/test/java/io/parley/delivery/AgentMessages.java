package io.parley.delivery;

import io.parley.testing.WhatsAppChat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/** The delivery state of one message, as {@code GET /api/v1/conversations/{id}/messages} shows it. */
final class AgentMessages {
    private AgentMessages() {}

    static JsonNode delivery(WhatsAppChat chat, String messageId) {
        for (JsonNode message : chat.messages()) {
            if (messageId.equals(message.path("id").asString())) {
                return message.path("delivery");
            }
        }
        return MissingNode.getInstance();
    }
}
