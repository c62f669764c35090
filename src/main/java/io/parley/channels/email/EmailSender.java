package io.parley.channels.email;

import io.parley.delivery.ChannelSender;
import io.parley.delivery.OutboundEnvelope;
import io.parley.delivery.SendOutcome;
import io.parley.platform.channel.ChannelType;
import io.parley.tenancy.Chatbots;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends a reply as one email from the mailbox's address: {@code multipart/alternative} text and HTML (escaped from
 * the text), our own Message-ID {@code <outbound id@mailbox domain>} (the same on a retry, so a duplicate after a lost
 * answer is one message in the recipient's client), threaded under the contact's last email to the mailbox
 * ({@code In-Reply-To}, {@code References}, {@code Subject: Re: ...}) and marked {@code Auto-Submitted: auto-replied}
 * (RFC 3834) so well-behaved auto-responders do not answer it. Media go as links (their transcript). An address a
 * delivery-status report flagged is not written to until that person writes again.
 */
@Component
class EmailSender implements ChannelSender {
    private static final Logger log = LoggerFactory.getLogger(EmailSender.class);

    private final EmailChannel definition;
    private final MailboxStore mailboxes;
    private final MailArchive archive;
    private final SmtpSenders senders;
    private final MailSessions sessions;
    private final Chatbots chatbots;
    private final Clock clock;

    EmailSender(
            EmailChannel definition,
            MailboxStore mailboxes,
            MailArchive archive,
            SmtpSenders senders,
            MailSessions sessions,
            Chatbots chatbots,
            Clock clock) {
        this.definition = definition;
        this.mailboxes = mailboxes;
        this.archive = archive;
        this.senders = senders;
        this.sessions = sessions;
        this.chatbots = chatbots;
        this.clock = clock;
    }

    @Override
    public ChannelType channel() {
        return EmailChannel.TYPE;
    }

    @Override
    public SendOutcome send(OutboundEnvelope envelope) {
        Optional<SendOutcome> unsupported = SendOutcome.unsupported(envelope.content(), definition.capabilities());
        if (unsupported.isPresent()) {
            return unsupported.get();
        }
        Optional<Mailbox> found = mailboxes.find(envelope.channelAccountId());
        if (found.isEmpty()) {
            return new SendOutcome.Rejected("channel_not_found", "The email channel was removed", false);
        }
        Mailbox mailbox = found.get();
        String recipient =
                envelope.recipient() == null ? "" : envelope.recipient().strip().toLowerCase(Locale.ROOT);
        if (archive.isBounced(mailbox.account().id(), recipient)) {
            return new SendOutcome.Rejected(
                    "email_address_bounced", "A delivery-status report said this address does not take mail", false);
        }
        String messageId = "<" + envelope.id() + "@" + mailbox.domain() + ">";
        Optional<MailArchive.ThreadHead> thread =
                archive.lastInbound(mailbox.account().id(), recipient);
        MimeMessage mail;
        try {
            sessions.check("smtp", mailbox.smtp());
            JavaMailSenderImpl sender = senders.forMailbox(mailbox);
            mail = compose(sender, mailbox, recipient, messageId, thread, envelope.text());
            sender.send(mail);
        } catch (Exception e) {
            SendOutcome outcome = SmtpOutcomes.of(e);
            log.info("Email send failed on channel {}: {}", mailbox.account().id(), code(outcome));
            return outcome;
        }
        try {
            archive(mailbox, envelope, recipient, messageId, thread, mail);
        } catch (Exception e) {
            // Sent is sent: a reply naming this email then starts from its sender's conversation instead.
            log.warn(
                    "Sent email not archived on channel {}: {}",
                    mailbox.account().id(),
                    e.getClass().getSimpleName());
        }
        return new SendOutcome.Sent(messageId);
    }

    private MimeMessage compose(
            JavaMailSenderImpl sender,
            Mailbox mailbox,
            String recipient,
            String messageId,
            Optional<MailArchive.ThreadHead> thread,
            String text)
            throws MessagingException, java.io.UnsupportedEncodingException {
        MimeMessage mail = new OwnIdMimeMessage(sender.getSession(), messageId);
        MimeMessageHelper helper = new MimeMessageHelper(mail, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
        String name =
                chatbots.find(mailbox.account().chatbotId()).map(b -> b.name()).orElse(null);
        helper.setFrom(new InternetAddress(mailbox.address(), name, "UTF-8"));
        helper.setTo(new InternetAddress(recipient, true));
        helper.setSentDate(java.util.Date.from(clock.instant()));
        helper.setText(text, HtmlBody.of(text));
        if (thread.isPresent()) {
            helper.setSubject(ReplyThreading.subject(thread.get().subject()));
            mail.setHeader("In-Reply-To", thread.get().messageId());
            mail.setHeader("References", ReplyThreading.references(thread.get()));
        } else {
            helper.setSubject(name == null ? "A message for you" : "A message from " + name);
        }
        mail.setHeader("Auto-Submitted", "auto-replied");
        mail.saveChanges();
        return mail;
    }

    /** Our own emails are archived too: a reply that names them finds its conversation. */
    private void archive(
            Mailbox mailbox,
            OutboundEnvelope envelope,
            String recipient,
            String messageId,
            Optional<MailArchive.ThreadHead> thread,
            MimeMessage mail)
            throws MessagingException, java.io.IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        mail.writeTo(raw);
        archive.add(new MailArchive.Entry(
                UUID.randomUUID(),
                envelope.organizationId(),
                envelope.channelAccountId(),
                messageId,
                "out",
                "outbound",
                recipient,
                recipient,
                mail.getSubject(),
                thread.map(MailArchive.ThreadHead::messageId).orElse(null),
                mail.getHeader("References", " "),
                raw.toByteArray(),
                clock.instant()));
    }

    private static String code(SendOutcome outcome) {
        return switch (outcome) {
            case SendOutcome.RetryLater r -> r.code();
            case SendOutcome.Rejected r -> r.code();
            case SendOutcome.Unconfirmed u -> u.code();
            case SendOutcome.Sent s -> "sent";
        };
    }
}
