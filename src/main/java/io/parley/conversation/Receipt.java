package io.parley.conversation;

import io.parley.platform.ConversationId;
import io.parley.platform.MessageId;

/** @param duplicate true when this provider message was received before; nothing was stored the second time */
public record Receipt(boolean duplicate, ConversationId conversationId, MessageId messageId) {
    public static Receipt ofDuplicate() {
        return new Receipt(true, null, null);
    }
}
