package io.parley.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.parley.testing.Api;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

/**
 * GreenMail on dynamic ports playing a tenant's mail server (SMTP and IMAP with IDLE), and what the tests do with
 * it: connect a mailbox to it through the API, drop emails into the bot's INBOX, read what the bot sent.
 */
final class MailServers {
    static final Session SESSION = Session.getInstance(new Properties());

    private MailServers() {}

    static GreenMailExtension greenMail() {
        return new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP)).withPerMethodLifecycle(false);
    }

    /** A new mailbox user on the server: its address (also its login) and password "pw". */
    static String newMailbox(GreenMailExtension mail) {
        String address = "bot-" + UUID.randomUUID() + "@parley.test";
        mail.setUser(address, address, "pw");
        return address;
    }

    /** The connect body for {@code address} on this server (plain text: loopback is allowed in tests). */
    static String connectBody(GreenMailExtension mail, String address, String smtpPassword) {
        return """
                {"type": "email", "address": "%s",
                 "smtp": {"host": "127.0.0.1", "port": %d, "username": "%s", "password": "%s", "tls": false},
                 "imap": {"host": "127.0.0.1", "port": %d, "username": "%s", "password": "pw", "tls": "none"}}""".formatted(
                        address,
                        mail.getSmtp().getPort(),
                        address,
                        smtpPassword,
                        mail.getImap().getPort(),
                        address);
    }

    static Api.Response connect(Api api, String chatbotId, GreenMailExtension mail, String address) {
        Api.Response connected =
                api.post("/api/v1/chatbots/" + chatbotId + "/channels", connectBody(mail, address, "pw"));
        assertThat(connected.status()).as(connected.body()).isEqualTo(201);
        return connected;
    }

    /** An email from {@code from} to the bot's mailbox with this Message-ID (no angle brackets) and text. */
    static MimeMessage email(String from, String to, String messageId, String subject, String text)
            throws MessagingException {
        MimeMessage email = new MimeMessage(SESSION) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", "<" + messageId + ">");
            }
        };
        email.setFrom(new InternetAddress(from));
        email.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        email.setSubject(subject);
        email.setText(text, "UTF-8");
        email.saveChanges();
        return email;
    }

    /** Drops the email straight into the INBOX of the mailbox {@code to}. */
    static void deliver(GreenMailExtension mail, String to, MimeMessage email) {
        GreenMailUser user = mail.getUserManager().getUser(to);
        user.deliver(email);
    }

    /** Everything the server received for {@code recipient} over SMTP, oldest first. */
    static List<MimeMessage> receivedBy(GreenMailExtension mail, String recipient) throws MessagingException {
        List<MimeMessage> received = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            for (var address : message.getAllRecipients()) {
                if (address instanceof InternetAddress a && a.getAddress().equalsIgnoreCase(recipient)) {
                    received.add(message);
                }
            }
        }
        return received;
    }

    /**
     * Stops reading a test's mailbox once the test is done: the shared context outlives this class's GreenMail, and
     * every later {@code time.advance} would otherwise try the closed port again.
     */
    static void stopReading(
            org.springframework.jdbc.core.simple.JdbcClient jdbc,
            io.parley.testing.TestTime time,
            MailboxIdle idle,
            String channelId) {
        if (channelId == null) {
            return;
        }
        idle.stop(new io.parley.platform.ChannelAccountId(UUID.fromString(channelId)));
        time.runDue();
        jdbc.sql("delete from scheduled_tasks where task_name = :task and task_instance = :id and not picked")
                .param("task", MailboxPollJob.TASK)
                .param("id", channelId)
                .update();
    }

    /** The plain-text part of an email the bot sent. */
    static String plainText(MimeMessage message) throws MessagingException, IOException {
        return InboundMail.read(raw(message)).text().strip();
    }

    static byte[] raw(MimeMessage message) throws MessagingException, IOException {
        var out = new java.io.ByteArrayOutputStream();
        message.writeTo(out);
        return out.toByteArray();
    }
}
