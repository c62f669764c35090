package io.parley.channels.email;

import io.parley.platform.InvalidRequestException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Store;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Whether a mailbox's servers may be reached and take its logins, asked before the settings are stored: the
 * egress policy for each host, then an SMTP and an IMAP login (5 s to connect, 10 s per read). A refusal is a 400
 * naming the server and the reason ({@code auth_failed}, {@code unreachable}); the server's own words are not
 * repeated (they may echo the username).
 */
@Component
class MailboxLogins {
    private final MailSessions sessions;
    private final SmtpSenders senders;

    MailboxLogins(MailSessions sessions, SmtpSenders senders) {
        this.sessions = sessions;
        this.senders = senders;
    }

    void checkHost(String field, MailServer server) {
        try {
            sessions.check(field, server);
        } catch (UnknownHostException e) {
            throw MailboxRequest.invalid(field + ".host", "does not resolve");
        }
    }

    void verify(MailServer smtp, MailServer imap) {
        try {
            senders.build(smtp).testConnection();
        } catch (Exception e) {
            throw refused("smtp", e);
        }
        try (Store store = sessions.openImap("imap", imap, MailSessions.READ_TIMEOUT_MS)) {
            store.getFolder("INBOX").exists();
        } catch (Exception e) {
            throw refused("imap", e);
        }
    }

    private static InvalidRequestException refused(String field, Exception e) {
        boolean auth = e instanceof AuthenticationFailedException
                || e.getCause() instanceof AuthenticationFailedException
                || String.valueOf(e.getMessage()).contains("535");
        String reason = auth ? "auth_failed" : "unreachable";
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("field", field);
        context.put("reason", reason);
        return new InvalidRequestException(
                "channel_verification_failed",
                "The " + field.toUpperCase(java.util.Locale.ROOT) + " server "
                        + (auth ? "refused the username or password" : "could not be reached or did not answer in time")
                        + " (send \"verify\": false to store the settings anyway)",
                context);
    }
}
