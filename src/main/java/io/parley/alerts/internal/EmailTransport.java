package io.parley.alerts.internal;

import io.parley.events.StoredEvent;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Email through Spring's {@link JavaMailSender}. Without an SMTP host ({@code PARLEY_SMTP_HOST}) the delivery fails
 * permanently with {@code email_not_configured}: retrying cannot help until the server is reconfigured.
 */
@Component
class EmailTransport implements AlertTransport {
    private static final Logger log = LoggerFactory.getLogger(EmailTransport.class);
    private final ObjectProvider<JavaMailSender> mailSender;
    private final String smtpHost;
    private final AlertProperties properties;

    EmailTransport(
            ObjectProvider<JavaMailSender> mailSender,
            @Value("${spring.mail.host:}") String smtpHost,
            AlertProperties properties) {
        this.mailSender = mailSender;
        this.smtpHost = smtpHost;
        this.properties = properties;
    }

    @Override
    public AlertSink.Type type() {
        return AlertSink.Type.EMAIL;
    }

    @Override
    public SinkOutcome send(AlertSink sink, UUID deliveryId, StoredEvent event) {
        JavaMailSender sender = smtpHost == null || smtpHost.isBlank() ? null : mailSender.getIfAvailable();
        if (sender == null) {
            return new SinkOutcome.Failed("email_not_configured", false);
        }
        SimpleMailMessage mail = new SimpleMailMessage();
        mail.setFrom(properties.from());
        mail.setTo(sink.emailTo());
        mail.setSubject(AlertContent.subject(event));
        mail.setText(AlertContent.text(event) + "\n\ndelivery: " + deliveryId);
        try {
            sender.send(mail);
            return new SinkOutcome.Sent();
        } catch (MailException e) {
            // Mail exception messages carry addresses; the type says enough.
            log.warn("Alert email failed: {}", e.getClass().getSimpleName());
            return new SinkOutcome.Failed("email_" + e.getClass().getSimpleName(), true);
        }
    }
}
