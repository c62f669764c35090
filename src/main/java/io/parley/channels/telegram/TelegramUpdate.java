package io.parley.channels.telegram;

import java.time.Instant;
import java.util.Map;

/** One webhook update as Parley reads it: one of the four kinds it registered for, or something it ignores. */
sealed interface TelegramUpdate {
    long updateId();

    /** Who wrote, in which chat. {@code chatId == userId} in a private chat. */
    record Sender(long chatId, String chatType, long userId, String name) {
        boolean isPrivate() {
            return "private".equals(chatType);
        }
    }

    /**
     * A contact's message ({@code message}) or a new version of one ({@code edited_message}, {@code edited} true).
     *
     * @param fileId the attachment's {@code file_id} for types with one (the largest photo size), or null
     */
    record Message(
            long updateId,
            Sender sender,
            long messageId,
            Instant date,
            boolean edited,
            String type,
            String text,
            Map<String, Object> details,
            String fileId,
            String mimeType)
            implements TelegramUpdate {
        /** The provider id: a message id is unique within its chat only. */
        String providerId() {
            return sender.chatId() + ":" + messageId;
        }
    }

    /** A press on an inline keyboard button: {@code data} is the button's callback data, {@code title} its label. */
    record ButtonPress(long updateId, Sender sender, String queryId, String data, String title, Long messageId)
            implements TelegramUpdate {}

    /** The bot's membership in a chat changed: {@code status} {@code kicked} in a private chat means blocked. */
    record Membership(long updateId, Sender sender, String status) implements TelegramUpdate {}

    /** Anything else (a kind Parley did not ask for, or a shape it cannot read): stored as seen, nothing more. */
    record Ignored(long updateId, String reason) implements TelegramUpdate {}
}
