package io.parley.channels.email;

import io.parley.platform.ChatbotId;
import io.parley.platform.Jobs;
import io.parley.platform.NotFoundException;
import io.parley.platform.channel.ChannelType;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import io.parley.tenancy.ChannelConnector;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connects a mailbox: {@code {"type": "email", "address", "smtp": {...}, "imap": {...}, "verify"?}}, every field
 * checked ({@link MailboxRequest}), both hosts checked with the egress policy, and (unless {@code "verify": false})
 * both logins tried with short timeouts before anything is stored: a refusal is {@code 400
 * channel_verification_failed} naming {@code smtp} or {@code imap} and why. Passwords are sealed and never shown: the
 * listing says {@code passwordSet: true}. The first read of the mailbox is scheduled in the same transaction.
 */
@Component
class EmailConnector implements ChannelConnector {
    private final ChannelAccounts accounts;
    private final MailboxStore mailboxes;
    private final MailboxLogins logins;
    private final SmtpSenders senders;
    private final Jobs jobs;
    private final TransactionTemplate transactions;
    private final Clock clock;

    EmailConnector(
            ChannelAccounts accounts,
            MailboxStore mailboxes,
            MailboxLogins logins,
            SmtpSenders senders,
            Jobs jobs,
            TransactionTemplate transactions,
            Clock clock) {
        this.accounts = accounts;
        this.mailboxes = mailboxes;
        this.logins = logins;
        this.senders = senders;
        this.jobs = jobs;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public ChannelType type() {
        return EmailChannel.TYPE;
    }

    @Override
    public Map<String, Object> connect(ChatbotId chatbotId, Map<String, Object> request) {
        MailboxRequest.Parsed parsed = MailboxRequest.parse(request, null);
        checked(parsed);
        ChannelAccount account = transactions.execute(status -> {
            ChannelAccount created = accounts.connect(chatbotId, EmailChannel.TYPE);
            mailboxes.insert(created, parsed.address(), parsed.smtp(), parsed.imap());
            jobs.scheduleIfAbsent(MailboxPollJob.TASK, created.id().toString(), clock.instant());
            return created;
        });
        return view(account);
    }

    /** Any of the connect fields; absent ones keep their value (a password is kept unless given). */
    @Override
    public Map<String, Object> update(ChannelAccount account, Map<String, Object> request) {
        Mailbox current = mailboxes
                .find(account.id())
                .orElseThrow(() -> new NotFoundException(
                        "channel_not_found", "No channel account with id '" + account.id() + "'"));
        MailboxRequest.Parsed parsed = MailboxRequest.parse(request, current);
        checked(parsed);
        boolean newMailbox = !parsed.imap().host().equals(current.imap().host())
                || parsed.imap().port() != current.imap().port()
                || !parsed.imap().username().equals(current.imap().username());
        transactions.executeWithoutResult(status -> {
            mailboxes.update(account.id(), parsed.address(), parsed.smtp(), parsed.imap(), newMailbox);
            jobs.scheduleNoLaterThan(MailboxPollJob.TASK, account.id().toString(), clock.instant());
        });
        senders.forget(account.id());
        return view(account);
    }

    @Override
    public Map<String, Object> view(ChannelAccount account) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", account.id().value());
        view.put("chatbotId", account.chatbotId().value());
        view.put("type", EmailChannel.TYPE.wireName());
        mailboxes.find(account.id()).ifPresent(mailbox -> {
            view.put("address", mailbox.address());
            view.put("smtp", server(mailbox.smtp()));
            view.put("imap", server(mailbox.imap()));
            mailboxes.lastError(account.id()).ifPresent(error -> view.put("lastReadError", error));
        });
        view.put("createdAt", account.createdAt());
        return view;
    }

    private static Map<String, Object> server(MailServer server) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("host", server.host());
        view.put("port", server.port());
        view.put("username", server.username());
        view.put("passwordSet", true);
        view.put("tls", server.tls().wireName());
        return view;
    }

    /** The egress policy for both hosts, then (when asked) both logins. */
    private void checked(MailboxRequest.Parsed parsed) {
        logins.checkHost("smtp", parsed.smtp());
        logins.checkHost("imap", parsed.imap());
        if (parsed.verify()) {
            logins.verify(parsed.smtp(), parsed.imap());
        }
    }
}
