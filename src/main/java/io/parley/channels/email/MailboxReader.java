package io.parley.channels.email;

import io.parley.platform.ChannelAccountId;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Optional;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One pass over a mailbox's INBOX (spec §2.3): the emails after the last UID read (all of them again when
 * UIDVALIDITY changed: the Message-IDs archived keep them once), oldest first, each stored in its own transaction by
 * {@link EmailIngress}, marked {@code \Seen}, and the position saved after each. Only the node running the mailbox's
 * {@code email-poll} execution reads it (db-scheduler picks an execution on one node), so passes never overlap.
 */
@Component
class MailboxReader {
    private static final Logger log = LoggerFactory.getLogger(MailboxReader.class);

    private final MailboxStore mailboxes;
    private final MailSessions sessions;
    private final EmailIngress ingress;
    private final EmailProperties properties;
    private final Clock clock;

    MailboxReader(
            MailboxStore mailboxes,
            MailSessions sessions,
            EmailIngress ingress,
            EmailProperties properties,
            Clock clock) {
        this.mailboxes = mailboxes;
        this.sessions = sessions;
        this.ingress = ingress;
        this.properties = properties;
        this.clock = clock;
    }

    /** How a pass ended. */
    enum Pass {
        GONE,
        READ,
        /** More emails wait than one pass reads. */
        MORE,
        FAILED
    }

    Pass read(ChannelAccountId id) {
        Optional<Mailbox> found = mailboxes.find(id);
        if (found.isEmpty()) {
            return Pass.GONE;
        }
        Mailbox mailbox = found.get();
        try (Store store = sessions.openImap("imap", mailbox.imap(), MailSessions.READ_TIMEOUT_MS)) {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            try {
                return readNew(mailbox, inbox);
            } finally {
                inbox.close(false);
            }
        } catch (AuthenticationFailedException e) {
            return failed(mailbox, "imap_auth_failed");
        } catch (io.parley.platform.egress.EgressRefusedException e) {
            return failed(mailbox, "egress_refused");
        } catch (Exception e) {
            return failed(mailbox, "imap_unreachable");
        }
    }

    private Pass readNew(Mailbox mailbox, IMAPFolder inbox) throws MessagingException {
        long validity = inbox.getUIDValidity();
        long last = mailbox.uidValidity() != null && mailbox.uidValidity() == validity ? mailbox.lastUid() : 0;
        Message[] candidates = inbox.getMessagesByUID(last + 1, UIDFolder.MAXUID);
        long[] uids = new long[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            uids[i] = inbox.getUID(candidates[i]);
        }
        Integer[] order = new Integer[candidates.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingLong(i -> uids[i]));
        int done = 0;
        for (int i : order) {
            if (uids[i] <= last) {
                continue; // "n:*" always names the newest message, even when it was read before
            }
            if (done == properties.batchSize()) {
                return Pass.MORE;
            }
            take(mailbox, candidates[i]);
            candidates[i].setFlag(Flags.Flag.SEEN, true);
            last = uids[i];
            mailboxes.readTo(mailbox.account().id(), mailbox.version(), validity, last, clock.instant());
            done++;
        }
        mailboxes.readTo(mailbox.account().id(), mailbox.version(), validity, last, clock.instant());
        return Pass.READ;
    }

    /** One email: stored, or, when it cannot be, archived by its headers so one bad email does not stop the rest. */
    private void take(Mailbox mailbox, Message message) throws MessagingException {
        byte[] raw = raw(message);
        try {
            ingress.ingest(mailbox, raw, InboundMail.read(raw));
        } catch (Exception e) {
            log.warn(
                    "Email on channel {} not stored ({}); archived by its headers",
                    mailbox.account().id(),
                    e.getClass().getSimpleName());
            try {
                byte[] headers = headers(message);
                ingress.ingest(mailbox, headers, InboundMail.read(headers));
            } catch (Exception again) {
                log.warn(
                        "Email on channel {} skipped: {}",
                        mailbox.account().id(),
                        again.getClass().getSimpleName());
            }
        }
    }

    private byte[] raw(Message message) throws MessagingException {
        if (message.getSize() > properties.maxMessageSize().toBytes()) {
            return headers(message);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(message.getSize(), 1024));
            message.writeTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new MessagingException("email not readable", e);
        }
    }

    /** The email's header lines with an empty body: what is kept of one too large (or too broken) to store. */
    private static byte[] headers(Message message) throws MessagingException {
        StringBuilder text = new StringBuilder();
        Enumeration<String> lines = ((MimeMessage) message).getAllHeaderLines();
        while (lines.hasMoreElements()) {
            String line = lines.nextElement();
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (!lower.startsWith("content-type:") && !lower.startsWith("content-transfer-encoding:")) {
                text.append(line).append("\r\n");
            }
        }
        text.append("Content-Type: text/plain; charset=UTF-8\r\n\r\n");
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Pass failed(Mailbox mailbox, String code) {
        log.info("Mailbox of channel {} not read: {}", mailbox.account().id(), code);
        mailboxes.readFailed(mailbox.account().id(), code, clock.instant());
        return Pass.FAILED;
    }
}
