package io.parley.notifications.internal;

import io.parley.delivery.SendOutcome;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;

/**
 * An SMTP failure as a {@link SendOutcome} (spec §2.6): authentication refused → rejected with an alert; a 4yz reply
 * or a connection that failed or timed out → retry later; a 5yz reply → rejected; a message that cannot be built →
 * rejected with an alert. The reply code is read from the server's reply text that JavaMail puts in its
 * exceptions' messages (the only part of them that is used; they also carry addresses).
 */
final class SmtpOutcomes {
    private static final Pattern REPLY = Pattern.compile("^\\s*([245])(\\d\\d)\\b");

    private SmtpOutcomes() {}

    static SendOutcome classify(Exception failure) {
        if (failure instanceof MailParseException || failure instanceof MailPreparationException) {
            return new SendOutcome.Rejected("smtp_message_invalid", "The email could not be built", true);
        }
        Integer reply = null;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 10; t = next(t), depth++) {
            if (t instanceof AuthenticationFailedException || t instanceof MailAuthenticationException) {
                return new SendOutcome.Rejected("smtp_auth_failed", "The SMTP server refused Parley's login", true);
            }
            if (t instanceof SocketTimeoutException) {
                return new SendOutcome.RetryLater("smtp_timeout", "The SMTP server did not answer in time", null);
            }
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return new SendOutcome.RetryLater("smtp_unreachable", "The SMTP server could not be reached", null);
            }
            if (reply == null && t instanceof MessagingException && t.getMessage() != null) {
                Matcher m = REPLY.matcher(t.getMessage());
                if (m.find()) {
                    reply = Integer.parseInt(m.group(1) + m.group(2));
                }
            }
        }
        if (reply != null && reply == 535) {
            return new SendOutcome.Rejected("smtp_auth_failed", "The SMTP server refused Parley's login", true);
        }
        if (reply != null && reply >= 500) {
            return new SendOutcome.Rejected(
                    "smtp_" + reply, "The SMTP server refused the email (" + reply + ")", false);
        }
        if (reply != null && reply >= 400) {
            return new SendOutcome.RetryLater(
                    "smtp_" + reply, "The SMTP server deferred the email (" + reply + ")", null);
        }
        return new SendOutcome.RetryLater("smtp_failed", "The email could not be handed to the SMTP server", null);
    }

    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        if (t instanceof org.springframework.mail.MailSendException send
                && !send.getFailedMessages().isEmpty()) {
            Exception first = send.getFailedMessages().values().iterator().next();
            if (first != t) {
                return first;
            }
        }
        return t.getCause() == t ? null : t.getCause();
    }
}
