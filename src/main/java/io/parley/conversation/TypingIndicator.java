package io.parley.conversation;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.channel.ChannelType;

/**
 * Shows the contact that a reply is coming (WhatsApp: marks the message read with a typing indicator).
 * Channels that have no such thing simply have no implementation. Best effort: a failure is logged, never fatal.
 */
public interface TypingIndicator {
    ChannelType channel();

    void show(ChannelAccountId channelAccountId, String providerMessageId);
}
