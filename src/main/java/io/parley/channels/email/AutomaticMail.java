package io.parley.channels.email;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether an inbound email was written by a machine and must never be answered (spec §2.5): auto-replies
 * ({@code Auto-Submitted} other than {@code no}, RFC 3834; {@code X-Autoreply}), bulk and list mail
 * ({@code Precedence: bulk|list|junk}, {@code List-Id}, {@code List-Unsubscribe}, RFC 2369), and bounces
 * ({@code multipart/report; report-type=delivery-status}, RFC 3464, an empty {@code Return-Path} or a
 * {@code MAILER-DAEMON} sender). {@code X-Auto-Response-Suppress} is a request to us, not a marker.
 */
final class AutomaticMail {
    private AutomaticMail() {}

    /** What kind of email it is. */
    sealed interface Verdict {}

    /** Written by a person: it reaches the model. */
    record Personal() implements Verdict {}

    /** Written by a machine (the header that said so): stored, never answered. */
    record Automatic(String reason) implements Verdict {}

    /**
     * A delivery failure report: stored, never answered; {@code failedRecipient} (from {@code Final-Recipient}, when
     * {@code Action: failed} or {@code Status: 5.x.x}) is flagged, or null when the report names none.
     */
    record Bounce(String failedRecipient, String status) implements Verdict {}

    static Verdict of(MimeMessage mail, String fromAddress) throws MessagingException {
        if (isReport(mail)) {
            return bounce(mail);
        }
        String returnPath = header(mail, "Return-Path");
        if ((returnPath != null && returnPath.replaceAll("\\s", "").equals("<>"))
                || (fromAddress != null && fromAddress.toLowerCase(Locale.ROOT).startsWith("mailer-daemon@"))) {
            return bounce(mail);
        }
        String autoSubmitted = header(mail, "Auto-Submitted");
        if (autoSubmitted != null
                && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return new Automatic("auto_submitted");
        }
        if (header(mail, "X-Autoreply") != null || header(mail, "X-Autorespond") != null) {
            return new Automatic("auto_reply");
        }
        String precedence = header(mail, "Precedence");
        if (precedence != null) {
            String p = precedence.strip().toLowerCase(Locale.ROOT);
            if (p.equals("bulk") || p.equals("list") || p.equals("junk")) {
                return new Automatic("precedence_" + p);
            }
        }
        if (header(mail, "List-Id") != null || header(mail, "List-Unsubscribe") != null) {
            return new Automatic("mailing_list");
        }
        return new Personal();
    }

    private static boolean isReport(MimeMessage mail) throws MessagingException {
        try {
            ContentType type = new ContentType(mail.getContentType());
            return type.match("multipart/report")
                    && "delivery-status".equalsIgnoreCase(type.getParameter("report-type"));
        } catch (jakarta.mail.internet.ParseException e) {
            return false;
        }
    }

    private static Bounce bounce(MimeMessage mail) throws MessagingException {
        try {
            Optional<String> status = deliveryStatus(mail, 0);
            if (status.isEmpty()) {
                return new Bounce(null, null);
            }
            String recipient = null;
            String code = null;
            boolean failed = false;
            for (String line : status.get().replace("\r", "").split("\n")) {
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("final-recipient:")) {
                    String value = line.substring(line.indexOf(':') + 1).strip();
                    int semicolon = value.indexOf(';');
                    recipient = (semicolon >= 0 ? value.substring(semicolon + 1) : value)
                            .strip()
                            .toLowerCase(Locale.ROOT);
                } else if (lower.startsWith("status:")) {
                    code = line.substring(line.indexOf(':') + 1).strip();
                    failed |= code.startsWith("5");
                } else if (lower.startsWith("action:")) {
                    failed |= lower.substring("action:".length()).strip().startsWith("failed");
                }
            }
            return new Bounce(failed ? recipient : null, code);
        } catch (IOException e) {
            return new Bounce(null, null);
        }
    }

    /** The text of the first {@code message/delivery-status} part. */
    private static Optional<String> deliveryStatus(Part part, int depth) throws MessagingException, IOException {
        if (depth > 5) {
            return Optional.empty();
        }
        if (part.isMimeType("message/delivery-status")) {
            try (InputStream in = part.getInputStream()) {
                return Optional.of(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8));
            }
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                Optional<String> found = deliveryStatus(child, depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private static String header(MimeMessage mail, String name) throws MessagingException {
        return mail.getHeader(name, ",");
    }
}
