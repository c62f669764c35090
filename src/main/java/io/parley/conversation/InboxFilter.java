package io.parley.conversation;

import io.parley.access.StaffUserId;
import io.parley.platform.ChatbotId;
import io.parley.platform.channel.ChannelType;

/**
 * What the inbox shows of an organization's conversations; every part is optional (null or false: not filtered).
 *
 * @param channel    only conversations on this channel
 * @param chatbot    only conversations with this chatbot
 * @param owner      only conversations this owner answers
 * @param waiting    only conversations waiting for a human: a human owns it and the contact wrote last (nothing was
 *                   sent in it since the contact's last message)
 * @param assignedTo only conversations assigned to this staff member
 * @param unassigned only conversations assigned to nobody
 * @param failed     only conversations with an outbound message that failed for good (failed, or not sent because
 *                   the channel's window was closed)
 * @param query      contact name, phone or email (contains, any case), or text of one of the organization's newest
 *                   {@link ConversationInbox#MESSAGE_SEARCH_WINDOW} messages
 */
public record InboxFilter(
        ChannelType channel,
        ChatbotId chatbot,
        Owner owner,
        boolean waiting,
        StaffUserId assignedTo,
        boolean unassigned,
        boolean failed,
        String query) {
    public static final int MAX_QUERY = 100;

    public InboxFilter {
        query = query == null || query.isBlank() ? null : query.strip();
        if (query != null && query.length() > MAX_QUERY) {
            throw new IllegalArgumentException("query must be at most " + MAX_QUERY + " characters");
        }
    }

    public static InboxFilter none() {
        return new InboxFilter(null, null, null, false, null, false, false, null);
    }
}
