package io.parley.tools.builtin;

import io.parley.platform.InvalidRequestException;
import io.parley.platform.TransientException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends owner notifications by email. Without an SMTP host ({@code PARLEY_SMTP_HOST}) Spring may still create a
 * sender (the property exists, empty), so the host is checked here, not the bean's presence alone.
 */
@Component
class EmailNotifier {
    private static final Logger log = LoggerFactory.getLogger(EmailNotifier.class);
    static final String NOT_CONFIGURED = "Email is not configured on this Parley server; the owner was not notified.";

    private final ObjectProvider<JavaMailSender> mailSender;
    private final String smtpHost;
    private final NotificationProperties properties;

    EmailNotifier(
            ObjectProvider<JavaMailSender> mailSender,
            @Value("${spring.mail.host:}") String smtpHost,
            NotificationProperties properties) {
        this.mailSender = mailSender;
        this.smtpHost = smtpHost;
        this.properties = properties;
    }

    void send(String to, OwnerNotification notification) {
        JavaMailSender sender = smtpHost == null || smtpHost.isBlank() ? null : mailSender.getIfAvailable();
        if (sender == null) {
            throw new InvalidRequestException("email_not_configured", NOT_CONFIGURED);
        }
        if (to == null || to.isBlank()) {
            throw new InvalidRequestException(
                    "email_missing",
                    "The organization has no notification email address;" + " the owner was not notified.");
        }
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom(properties.from());
        mail.setTo(to);
        mail.setSubject(notification.subject());
        mail.setText(notification.plainText());
        try {
            sender.send(mail);
        } catch (MailException e) {
            // Mail exception messages carry addresses; the exception types say enough for the log.
            log.warn(
                    "Notification email failed: {} caused by {}",
                    e.getClass().getSimpleName(),
                    NestedExceptionUtils.getMostSpecificCause(e).getClass().getSimpleName());
            throw new TransientException(
                    "email_failed",
                    "The email could not be sent (" + e.getClass().getSimpleName() + "); the owner was not notified.",
                    e);
        }
    }
}
