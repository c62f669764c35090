package io.parley.conversation;

import io.parley.platform.ConversationId;
import java.time.Instant;

/**
 * One conversation as the inbox lists it.
 *
 * @param contactName     the contact's display name, or null
 * @param contactIdentity the contact's phone or email, or null
 * @param chatbotName     the chatbot's name
 * @param assigneeName    the assigned staff member's name, or null when unassigned
 * @param lastRole        who wrote the last message ({@code user}, {@code assistant}, {@code agent}, {@code system}),
 *                        or null when there is none
 * @param lastPreview     the start of the last message's text, or its type when it has no text
 * @param unread          the contact's messages after the viewer's read position (at most {@link #UNREAD_CAP}); 0
 *                        for a viewer who keeps no read positions (the operator)
 * @param failedDelivery  an outbound message of the conversation failed for good
 * @param waiting         a human owns it and the contact wrote last
 */
public record InboxItem(
        ConversationId id,
        String channel,
        Owner owner,
        String contactName,
        String contactIdentity,
        String chatbotName,
        String assigneeName,
        String lastRole,
        String lastPreview,
        Instant lastMessageAt,
        int unread,
        boolean failedDelivery,
        boolean waiting) {
    public static final int UNREAD_CAP = 99;

    /** How the inbox names the contact: the name, else the phone or email, else null. */
    public String contactLabel() {
        return contactName != null && !contactName.isBlank() ? contactName : contactIdentity;
    }

    public boolean unreadCapped() {
        return unread > UNREAD_CAP;
    }
}
