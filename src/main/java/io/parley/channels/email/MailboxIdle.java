package io.parley.channels.email;

import io.parley.platform.ChannelAccountId;
import io.parley.platform.Jobs;
import jakarta.annotation.PreDestroy;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * IMAP IDLE (RFC 2177) as a doorbell: after a pass, the node that read a mailbox keeps one connection of it in
 * IDLE on a virtual thread; when the server announces anything, the mailbox's {@code email-poll} execution is moved
 * to now, and whichever node picks it reads the mail. The watch never reads, so two nodes watching one mailbox for a
 * while (the poll moved to another node) cost a connection, not a duplicate. It ends after
 * {@code parley.email.idle-window} (below RFC 2177's 29 minutes), when the settings change, on an error, or at
 * shutdown; the next pass starts another. Servers without IDLE are polled only.
 */
@Component
class MailboxIdle {
    private static final Logger log = LoggerFactory.getLogger(MailboxIdle.class);

    private final Map<ChannelAccountId, Watch> watches = new ConcurrentHashMap<>();
    private final MailboxStore mailboxes;
    private final MailSessions sessions;
    private final Jobs jobs;
    private final EmailProperties properties;
    private final Clock clock;

    MailboxIdle(MailboxStore mailboxes, MailSessions sessions, Jobs jobs, EmailProperties properties, Clock clock) {
        this.mailboxes = mailboxes;
        this.sessions = sessions;
        this.jobs = jobs;
        this.properties = properties;
        this.clock = clock;
    }

    private static final class Watch {
        final int version;
        volatile Store store;
        volatile boolean idling;
        volatile boolean stopped;

        Watch(int version) {
            this.version = version;
        }

        void close() {
            stopped = true;
            Store open = store;
            if (open != null) {
                try {
                    open.close();
                } catch (Exception ignored) {
                    // closing is best effort
                }
            }
        }
    }

    /** Starts watching the mailbox unless this node already does with its current settings. */
    void watch(ChannelAccountId id) {
        Optional<Mailbox> found = mailboxes.find(id);
        if (found.isEmpty()) {
            stop(id);
            return;
        }
        Mailbox mailbox = found.get();
        Watch existing = watches.get(id);
        if (existing != null && !existing.stopped && existing.version == mailbox.version()) {
            return;
        }
        if (existing != null) {
            existing.close();
            watches.remove(id, existing);
        }
        if (watches.size() >= properties.maxIdle()) {
            return;
        }
        Watch watch = new Watch(mailbox.version());
        if (watches.putIfAbsent(id, watch) != null) {
            return;
        }
        Thread.ofVirtual().name("email-idle-" + id).start(() -> run(id, mailbox, watch));
    }

    void stop(ChannelAccountId id) {
        Watch watch = watches.remove(id);
        if (watch != null) {
            watch.close();
        }
    }

    /** Whether this node watches the mailbox now: connected, caught up, and (about to be) in IDLE. */
    boolean watching(ChannelAccountId id) {
        Watch watch = watches.get(id);
        return watch != null && !watch.stopped && watch.idling;
    }

    private void run(ChannelAccountId id, Mailbox mailbox, Watch watch) {
        Instant until = clock.instant().plus(properties.idleWindow());
        int timeout = (int) Math.min(Integer.MAX_VALUE, properties.idleWindow().toMillis() + 60_000);
        try (Store store = sessions.openImap("imap", mailbox.imap(), timeout)) {
            watch.store = store;
            if (!(store instanceof IMAPStore imap) || !imap.hasCapability("IDLE")) {
                return;
            }
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            if (arrivedSincePass(id, inbox)) {
                jobs.scheduleNoLaterThan(MailboxPollJob.TASK, id.toString(), clock.instant());
            }
            while (!watch.stopped && clock.instant().isBefore(until)) {
                watch.idling = true;
                inbox.idle(true);
                if (!watch.stopped) {
                    jobs.scheduleNoLaterThan(MailboxPollJob.TASK, id.toString(), clock.instant());
                }
            }
        } catch (Exception e) {
            if (!watch.stopped) {
                log.debug("IDLE on channel {} ended: {}", id, e.getClass().getSimpleName());
            }
        } finally {
            watch.stopped = true;
            watches.remove(id, watch);
        }
    }

    /** Mail that came between the pass and this watch: IDLE announces only what arrives after it starts. */
    private boolean arrivedSincePass(ChannelAccountId id, IMAPFolder inbox) throws jakarta.mail.MessagingException {
        Optional<Mailbox> now = mailboxes.find(id);
        if (now.isEmpty() || now.get().uidValidity() == null) {
            return true;
        }
        return inbox.getUIDValidity() != now.get().uidValidity()
                || inbox.getUIDNext() > now.get().lastUid() + 1;
    }

    @PreDestroy
    void stopAll() {
        watches.values().forEach(Watch::close);
        watches.clear();
    }
}
