package io.parley.conversation;

import io.parley.platform.ConversationId;
import java.time.Instant;
import java.util.UUID;

/**
 * An internal note on a conversation, written by a staff member or the operator in the console; never sent to the
 * contact.
 *
 * @param authorType {@code user} (a staff user, {@code authorId} set) or {@code operator}
 * @param authorName how the note names its author, as it was when written
 */
public record DeskNote(
        UUID id,
        ConversationId conversationId,
        String authorType,
        UUID authorId,
        String authorName,
        String text,
        Instant createdAt) {}
