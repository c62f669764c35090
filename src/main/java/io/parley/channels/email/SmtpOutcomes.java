package io.parley.channels.email;

import io.parley.delivery.SendOutcome;
import io.parley.platform.egress.EgressRefusedException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;

/**
 * Every way an SMTP send ends, as a {@link SendOutcome} (spec §2.6, RFC 5321 §4.2.1): a 4yz reply is transient
 * ({@code RetryLater}), a 5yz permanent ({@code Rejected}), a refused login (535) permanent and an operator's
 * business ({@code alert}); a connection that could not be opened or timed out is retried, even after DATA, where
 * the server may have taken the message (a rare duplicate, ADR 62: SMTP has no status callback to wait for). Codes
 * are {@code smtp_<reply code>}, as {@link EmailChannel#classify} reads them; server texts are never kept (they
 * echo addresses).
 */
final class SmtpOutcomes {
    private SmtpOutcomes() {}

    static SendOutcome of(Exception failure) {
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            if (t instanceof EgressRefusedException) {
                return new SendOutcome.Rejected(
                        "egress_refused", "The SMTP server is refused by the egress policy", true);
            }
            if (t instanceof MailAuthenticationException || t instanceof AuthenticationFailedException) {
                return new SendOutcome.Rejected("smtp_535", "The SMTP server refused the channel's login", true);
            }
            if (t instanceof jakarta.mail.internet.AddressException) {
                return new SendOutcome.Rejected("invalid_recipient", "The recipient is not an email address", false);
            }
            if (t instanceof MailParseException || t instanceof MailPreparationException) {
                return new SendOutcome.Rejected("email_unsendable", "The email could not be composed", true);
            }
        }
        for (Throwable t : chain) {
            int code = replyCode(t);
            if (code >= 400 && code < 500) {
                return new SendOutcome.RetryLater(
                        "smtp_" + code, "The SMTP server answered " + code + " (try again later)", null);
            }
            if (code >= 500 && code < 600) {
                return new SendOutcome.Rejected(
                        "smtp_" + code, "The SMTP server refused the email with " + code, code == 535 || code == 530);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof SocketTimeoutException
                    || t instanceof ConnectException
                    || t instanceof UnknownHostException
                    || t instanceof IOException) {
                return new SendOutcome.RetryLater(
                        "smtp_unreachable", "The SMTP server could not be reached in time", null);
            }
        }
        return new SendOutcome.RetryLater(
                "smtp_unreachable",
                "The SMTP send failed: " + failure.getClass().getSimpleName(),
                null);
    }

    private static int replyCode(Throwable t) {
        return switch (t) {
            case SMTPAddressFailedException e -> e.getReturnCode();
            case SMTPSendFailedException e -> e.getReturnCode();
            case SMTPSenderFailedException e -> e.getReturnCode();
            default -> -1;
        };
    }

    /** The failure, its causes, Spring's per-message exceptions and Jakarta Mail's next exceptions, each once. */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> all = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> todo = new ArrayList<>(List.of(failure));
        while (!todo.isEmpty() && all.size() < 50) {
            Throwable t = todo.removeFirst();
            if (t == null || !seen.add(t)) {
                continue;
            }
            all.add(t);
            todo.add(t.getCause());
            if (t instanceof MessagingException m) {
                todo.add(m.getNextException());
            }
            if (t instanceof MailSendException m) {
                todo.addAll(List.of(m.getMessageExceptions()));
            }
        }
        return all;
    }
}
