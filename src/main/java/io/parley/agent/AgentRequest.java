package io.parley.agent;

import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.channel.ChannelType;
import io.parley.tenancy.Chatbot;
import java.util.List;
import java.util.Map;

/**
 * @param history the conversation's recent messages, oldest first, ending with the ones to answer
 */
public record AgentRequest(
        Chatbot chatbot,
        ConversationId conversationId,
        ContactId contactId,
        ContactContext contact,
        ChannelType channel,
        List<HistoryMessage> history) {
    public AgentRequest {
        history = List.copyOf(history);
    }

    /**
     * What the bot may know about the person: shown to the model, never logged.
     *
     * @param variables what the bot learned earlier ({@code update_contact}); empty when nothing
     */
    public record ContactContext(String name, String phone, Map<String, Object> variables) {
        public ContactContext {
            variables = variables == null ? Map.of() : Map.copyOf(variables);
        }

        public ContactContext(String name, String phone) {
            this(name, phone, Map.of());
        }
    }

    public record HistoryMessage(Role role, String text) {
        public enum Role {
            USER,
            ASSISTANT
        }
    }
}
