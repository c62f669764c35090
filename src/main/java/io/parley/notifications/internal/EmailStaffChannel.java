package io.parley.notifications.internal;

import io.parley.delivery.SendOutcome;
import io.parley.notifications.RenderedNotification;
import io.parley.notifications.StaffChannel;
import io.parley.notifications.StaffDelivery;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Staff notifications by email through the platform's mailer ({@code spring.mail.*}), from
 * {@code parley.notifications.from}: multipart text and HTML, marked {@code Auto-Submitted: auto-generated} so that
 * mail clients and Parley's own email channel never answer it. The address is the staff user's email. Failures are
 * classified by {@link SmtpOutcomes}.
 */
@Component
class EmailStaffChannel implements StaffChannel {
    static final String NAME = "email";
    private static final Logger log = LoggerFactory.getLogger(EmailStaffChannel.class);

    private final ObjectProvider<JavaMailSender> mailSender;
    private final String smtpHost;
    private final String from;

    EmailStaffChannel(
            ObjectProvider<JavaMailSender> mailSender,
            @Value("${spring.mail.host:}") String smtpHost,
            @Value("${parley.notifications.from:parley@localhost}") String from) {
        this.mailSender = mailSender;
        this.smtpHost = smtpHost;
        this.from = from;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SendOutcome send(StaffDelivery delivery) {
        JavaMailSender sender = smtpHost == null || smtpHost.isBlank() ? null : mailSender.getIfAvailable();
        if (sender == null) {
            return new SendOutcome.Rejected(
                    "email_not_configured", "This Parley server has no SMTP host (PARLEY_SMTP_HOST)", true);
        }
        String messageId = "<" + delivery.deliveryId() + "@notifications.parley>";
        try {
            MimeMessage mail = sender.createMimeMessage();
            compose(mail, delivery, messageId);
            sender.send(mail);
            return new SendOutcome.Sent(messageId);
        } catch (MailException | MessagingException e) {
            SendOutcome outcome = SmtpOutcomes.classify(e);
            // Exception messages carry addresses; the classified code says enough.
            log.warn("Staff notification email {} failed: {}", delivery.deliveryId(), code(outcome));
            return outcome;
        }
    }

    private void compose(MimeMessage mail, StaffDelivery delivery, String messageId) throws MessagingException {
        RenderedNotification content = delivery.content();
        String text = content.text() != null ? content.text() : content.body();
        MimeMessageHelper helper = new MimeMessageHelper(mail, content.html() != null, "UTF-8");
        helper.setFrom(from);
        helper.setTo(delivery.address());
        helper.setSubject(
                content.subject() != null ? content.subject() : content.title() != null ? content.title() : "Parley");
        if (content.html() != null) {
            helper.setText(text == null ? "" : text, content.html());
        } else {
            helper.setText(text == null ? "" : text);
        }
        mail.setHeader("Auto-Submitted", "auto-generated");
        mail.setHeader("X-Auto-Response-Suppress", "All");
        mail.saveChanges();
        mail.setHeader("Message-ID", messageId);
    }

    private static String code(SendOutcome outcome) {
        return switch (outcome) {
            case SendOutcome.Rejected r -> r.code();
            case SendOutcome.RetryLater r -> r.code();
            case SendOutcome.Unconfirmed u -> u.code();
            case SendOutcome.Sent s -> "sent";
        };
    }
}
