package io.parley.channels.email;

import io.parley.platform.ChannelAccountId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * One {@link JavaMailSenderImpl} per mailbox on this node, built from its settings and rebuilt when their version
 * changes (a PATCH on any node bumps it; the sender reads the version with the mailbox before each send).
 */
@Component
class SmtpSenders {
    private record Cached(int version, JavaMailSenderImpl sender) {}

    private final Map<ChannelAccountId, Cached> cache = new ConcurrentHashMap<>();
    private final MailSessions sessions;

    SmtpSenders(MailSessions sessions) {
        this.sessions = sessions;
    }

    JavaMailSenderImpl forMailbox(Mailbox mailbox) {
        Cached cached = cache.compute(
                mailbox.account().id(),
                (id, current) -> current != null && current.version() == mailbox.version()
                        ? current
                        : new Cached(mailbox.version(), build(mailbox.smtp())));
        return cached.sender();
    }

    /** A sender for settings not stored yet (the login check on connect); not cached. */
    JavaMailSenderImpl build(MailServer smtp) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(smtp.host());
        sender.setPort(smtp.port());
        sender.setUsername(smtp.username());
        sender.setPassword(smtp.password().reveal());
        sender.setProtocol(smtp.tls() == MailServer.Tls.TLS ? "smtps" : "smtp");
        sender.setDefaultEncoding("UTF-8");
        sender.setJavaMailProperties(sessions.smtp(smtp));
        return sender;
    }

    void forget(ChannelAccountId id) {
        cache.remove(id);
    }
}
