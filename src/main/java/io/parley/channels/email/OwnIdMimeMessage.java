package io.parley.channels.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A MIME message that keeps the Message-ID we gave it: {@code saveChanges()} calls {@code updateMessageID()}, which
 * would overwrite it with a random one (spec §2.1). Ours is derived from the outbound id, so a retried send carries
 * the same id and the recipient's mail client shows it once.
 */
final class OwnIdMimeMessage extends MimeMessage {
    private final String messageId;

    OwnIdMimeMessage(Session session, String messageId) {
        super(session);
        this.messageId = messageId;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
    }
}
