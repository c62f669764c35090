package io.parley.channels.email;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * One received email, read from its raw bytes: who sent it, its ids for deduplication and threading, its text (the
 * plain part, else the HTML part as text), its attachments (by their position in the MIME tree, so they can be read
 * again from the archived original) and whether a machine wrote it.
 *
 * @param messageId  the {@code Message-ID}, or {@code <sha256-of-raw@parley.invalid>} when it has none
 * @param from       the sender's address, lower case, or null when there is no usable one
 */
record InboundMail(
        String messageId,
        String from,
        String fromName,
        String subject,
        String inReplyTo,
        String references,
        String text,
        List<Attachment> attachments,
        AutomaticMail.Verdict verdict) {
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final int MAX_PARTS = 50;

    /** An attachment: {@code path} is the list of part indexes from the root multipart. */
    record Attachment(String path, String filename, String mimeType) {}

    static MimeMessage mime(byte[] raw) throws MessagingException {
        return new MimeMessage(SESSION, new ByteArrayInputStream(raw));
    }

    static InboundMail read(byte[] raw) throws MessagingException, IOException {
        MimeMessage mail = mime(raw);
        String messageId = ReplyThreading.ids(mail.getMessageID()).stream()
                .findFirst()
                .orElseGet(() -> "<" + sha256(raw) + "@parley.invalid>");
        InternetAddress sender = firstAddress(mail.getFrom());
        String from = sender == null ? null : sender.getAddress().strip().toLowerCase(Locale.ROOT);
        String fromName = sender == null ? null : sender.getPersonal();
        List<Attachment> attachments = new ArrayList<>();
        StringBuilder plain = new StringBuilder();
        StringBuilder html = new StringBuilder();
        walk(mail, "", plain, html, attachments, 0);
        String text = plain.length() > 0 ? plain.toString() : HtmlText.of(html.toString());
        return new InboundMail(
                messageId,
                from,
                fromName,
                decoded(mail.getSubject()),
                mail.getHeader("In-Reply-To", " "),
                mail.getHeader("References", " "),
                text,
                List.copyOf(attachments),
                AutomaticMail.of(mail, from));
    }

    /** Every msg-id the email names as its parents: where its thread is looked up. */
    List<String> parentIds() {
        List<String> ids = new ArrayList<>(ReplyThreading.ids(inReplyTo));
        ids.addAll(ReplyThreading.ids(references));
        return ids.stream().distinct().toList();
    }

    private static void walk(
            Part part, String path, StringBuilder plain, StringBuilder html, List<Attachment> attachments, int depth)
            throws MessagingException, IOException {
        if (depth > 10 || attachments.size() >= MAX_PARTS) {
            return;
        }
        String disposition = part.getDisposition();
        boolean attached = Part.ATTACHMENT.equalsIgnoreCase(disposition) || part.getFileName() != null;
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount() && i < MAX_PARTS; i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, path.isEmpty() ? String.valueOf(i) : path + "." + i, plain, html, attachments, depth + 1);
            }
        } else if (!attached && part.isMimeType("text/plain") && plain.isEmpty()) {
            plain.append(String.valueOf(part.getContent()));
        } else if (!attached && part.isMimeType("text/html") && html.isEmpty()) {
            html.append(String.valueOf(part.getContent()));
        } else if (attached || !part.isMimeType("text/*")) {
            if (!path.isEmpty() && !part.isMimeType("message/delivery-status")) {
                String type = part.getContentType() == null
                        ? null
                        : part.getContentType().split(";")[0].strip();
                attachments.add(new Attachment(path, decoded(part.getFileName()), type));
            }
        }
    }

    /** The part at {@code path} of {@code mail}, as {@link #walk} numbered it. */
    static Part part(MimeMessage mail, String path) throws MessagingException, IOException {
        Part current = mail;
        for (String index : path.split("\\.")) {
            if (!(current.getContent() instanceof Multipart multipart)) {
                throw new MessagingException("no such part");
            }
            current = multipart.getBodyPart(Integer.parseInt(index));
        }
        return current;
    }

    private static InternetAddress firstAddress(Address[] addresses) {
        if (addresses == null) {
            return null;
        }
        for (Address address : addresses) {
            if (address instanceof InternetAddress internet && internet.getAddress() != null) {
                return internet;
            }
        }
        return null;
    }

    private static String decoded(String value) {
        if (value == null) {
            return null;
        }
        try {
            return MimeUtility.decodeText(value).replace("\u0000", "");
        } catch (java.io.UnsupportedEncodingException e) {
            return value.replace("\u0000", "");
        }
    }

    static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
