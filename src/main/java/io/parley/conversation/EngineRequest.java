package io.parley.conversation;

import io.parley.contacts.Contact;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.ChatbotId;
import io.parley.platform.ConversationId;
import io.parley.platform.MessageId;
import io.parley.platform.OrganizationId;
import io.parley.platform.channel.ChannelType;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A turn for a {@link TurnEngine}: the conversation, its contact (null when unknown) and the contact's messages the
 * turn answers, oldest first.
 */
public record EngineRequest(
        OrganizationId organizationId,
        ChatbotId chatbotId,
        ConversationId conversationId,
        ChannelAccountId channelAccountId,
        ChannelType channel,
        Contact contact,
        List<Message> messages) {
    public EngineRequest {
        messages = List.copyOf(messages);
    }

    /**
     * One message of the contact.
     *
     * @param type    the stored message type ({@code text}, {@code image}, {@code button_reply}, ...)
     * @param text    its text or caption (may be empty)
     * @param details what the channel said besides the text (a button's {@code id}, a media item's {@code media_id})
     */
    public record Message(MessageId id, String type, String text, Map<String, Object> details, Instant receivedAt) {
        public Message {
            text = text == null ? "" : text;
            details = details == null ? Map.of() : Map.copyOf(details);
        }
    }
}
