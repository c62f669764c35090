package io.parley.conversation;

import io.parley.platform.ConversationId;
import io.parley.platform.MessageId;
import io.parley.platform.SessionId;

/**
 * @param duplicate true when this provider message was received before; nothing was stored the second time
 * @param throttled true when the message was stored but is over an inbound rate limit: it starts no turn, and the
 *                  channel does no further work for it (no media download)
 * @param sessionId the session the message was placed in; null for a duplicate
 */
public record Receipt(
        boolean duplicate, ConversationId conversationId, MessageId messageId, boolean throttled, SessionId sessionId) {
    public Receipt(boolean duplicate, ConversationId conversationId, MessageId messageId, boolean throttled) {
        this(duplicate, conversationId, messageId, throttled, null);
    }

    public static Receipt ofDuplicate() {
        return new Receipt(true, null, null, false, null);
    }
}
