package io.parley.channels.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.parley.channels.ChannelContract;
import io.parley.platform.ChannelAccountId;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.LlmFake;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The email channel's own promises on GreenMail: replies thread under the customer's email, the customer's reply
 * to ours lands in the same conversation, auto-replies and bounces are stored and never answered (a bounce flags
 * the address), one email read twice is one message, IDLE brings mail in without a poll, and connect bodies are
 * checked field by field.
 */
class EmailChannelIntegrationTest extends IntegrationTestSupport {
    @RegisterExtension
    static final GreenMailExtension mail = MailServers.greenMail();

    @Autowired
    private MailboxIdle idle;

    private LlmFake llm;
    private ChannelContract.NewChatbot bot;
    private String mailbox;
    private String channelId;

    @BeforeEach
    void connectAMailbox() {
        llm = LlmFake.create();
        bot = ChannelContract.newChatbot(api, llm);
        mailbox = MailServers.newMailbox(mail);
        channelId = MailServers.connect(api, bot.chatbotId(), mail, mailbox).text("id");
    }

    @AfterEach
    void stopReading() {
        MailServers.stopReading(jdbc, time, idle, channelId);
    }

    @Test
    void should_thread_the_reply_under_the_customers_email_and_take_their_answer_into_the_same_conversation()
            throws Exception {
        String customer = "anna-" + UUID.randomUUID() + "@example.test";
        llm.replies("We open at 9.");
        MailServers.deliver(
                mail,
                mailbox,
                MailServers.email(
                        customer,
                        mailbox,
                        "q1-" + UUID.randomUUID() + "@example.test",
                        "Opening hours",
                        "When do you open?"));
        time.advance(EmailChannelContractIntegrationTest.PAST_POLL);

        MimeMessage reply = awaitReceived(customer, 1).getFirst();
        String ours = reply.getMessageID();
        assertThat(reply.getSubject()).isEqualTo("Re: Opening hours");
        assertThat(reply.getHeader("In-Reply-To", null)).startsWith("<q1-");
        assertThat(reply.getHeader("References", null)).contains(reply.getHeader("In-Reply-To", null));
        assertThat(reply.getHeader("Auto-Submitted", null)).isEqualTo("auto-replied");
        assertThat(ours).endsWith("@" + mailbox.substring(mailbox.indexOf('@') + 1) + ">");
        assertThat(reply.getContentType()).startsWith("multipart/mixed");
        assertThat(MailServers.plainText(reply)).isEqualTo("We open at 9.");

        MimeMessage answer = MailServers.email(
                customer,
                mailbox,
                "q2-" + UUID.randomUUID() + "@example.test",
                "Re: Opening hours",
                "Great, thanks!\n\nOn Mon, 7 Dec 2026, Bot <" + mailbox + "> wrote:\n> We open at 9.");
        answer.setHeader("In-Reply-To", ours);
        answer.setHeader("References", reply.getHeader("References", null) + " " + ours);
        llm.replies("See you then.");
        MailServers.deliver(mail, mailbox, answer);
        time.advance(EmailChannelContractIntegrationTest.PAST_POLL);

        MimeMessage second = awaitReceived(customer, 2).get(1);
        assertThat(second.getHeader("In-Reply-To", null)).isEqualTo(answer.getMessageID());
        assertThat(second.getHeader("References", null)).contains(ours).endsWith(answer.getMessageID());
        assertThat(userTexts(customer)).containsExactly("When do you open?", "Great, thanks!");
    }

    @Test
    void should_store_an_auto_reply_and_a_bounce_and_answer_neither() throws Exception {
        String customer = "ooo-" + UUID.randomUUID() + "@example.test";
        llm.replies("This must not be sent");
        MimeMessage outOfOffice = MailServers.email(
                customer,
                mailbox,
                "ooo-" + UUID.randomUUID() + "@example.test",
                "Out of office",
                "I am away until Monday.");
        outOfOffice.setHeader("Auto-Submitted", "auto-replied");
        MailServers.deliver(mail, mailbox, outOfOffice);
        MimeMessage bounce = InboundMail.mime(("""
                From: Mail Delivery System <MAILER-DAEMON@mx.example.test>
                To: %s
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <dsn-%s@mx.example.test>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

                --b1
                Content-Type: text/plain

                Your message could not be delivered.
                --b1
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.test

                Final-Recipient: rfc822; %s
                Action: failed
                Status: 5.1.1
                --b1--
                """.formatted(mailbox, UUID.randomUUID(), customer))
                .replace("\n", "\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        MailServers.deliver(mail, mailbox, bounce);

        time.advance(EmailChannelContractIntegrationTest.PAST_POLL);
        time.advance(PAST_EVERY_RETRY);

        assertThat(userTexts(customer)).containsExactly("I am away until Monday.");
        assertThat(MailServers.receivedBy(mail, customer)).isEmpty();
        assertThat(jdbc.sql(
                                "select kind from email_messages where channel_account_id = cast(:id as uuid) and direction = 'in' order by kind")
                        .param("id", channelId)
                        .query(String.class)
                        .list())
                .containsExactly("automatic", "bounce");
        assertThat(jdbc.sql("select status from email_bounced_addresses where address = :a")
                        .param("a", customer)
                        .query(String.class)
                        .list())
                .containsExactly("5.1.1");
    }

    @Test
    void should_store_an_attachment_as_media_read_from_the_archived_original() throws Exception {
        String customer = "files-" + UUID.randomUUID() + "@example.test";
        llm.replies("Got your file.");
        MimeMessage email = new MimeMessage(MailServers.SESSION);
        email.setFrom(new jakarta.mail.internet.InternetAddress(customer));
        email.setRecipients(jakarta.mail.Message.RecipientType.TO, mailbox);
        email.setSubject("Invoice");
        var helper = new org.springframework.mail.javamail.MimeMessageHelper(email, true, "UTF-8");
        helper.setText("Here is the invoice.");
        helper.addAttachment(
                "invoice.pdf",
                new org.springframework.core.io.ByteArrayResource("%PDF-1.4 test".getBytes()),
                "application/pdf");
        email.saveChanges();
        MailServers.deliver(mail, mailbox, email);

        time.advance(EmailChannelContractIntegrationTest.PAST_POLL);
        time.advance(PAST_EVERY_RETRY);

        assertThat(userTexts(customer)).containsExactly("Here is the invoice.");
        assertThat(jdbc.sql("""
                        select kind || ' ' || mime_type || ' ' || status || ' ' || size_bytes from media_objects
                        where channel_account_id = cast(:id as uuid)""").param("id", channelId).query(String.class).list())
                .containsExactly("document application/pdf stored 13");
    }

    @Test
    void should_store_one_message_when_the_same_email_is_read_twice() throws Exception {
        String customer = "twice-" + UUID.randomUUID() + "@example.test";
        llm.replies("Once.");
        String id = "twice-" + UUID.randomUUID() + "@example.test";
        MailServers.deliver(mail, mailbox, MailServers.email(customer, mailbox, id, "Hi", "Hello there"));
        MailServers.deliver(mail, mailbox, MailServers.email(customer, mailbox, id, "Hi", "Hello there"));
        time.advance(EmailChannelContractIntegrationTest.PAST_POLL);
        jdbc.sql("update email_channels set last_uid = 0 where channel_account_id = cast(:id as uuid)")
                .param("id", channelId)
                .update();
        time.advance(EmailChannelContractIntegrationTest.PAST_POLL);

        awaitReceived(customer, 1);
        time.advance(PAST_EVERY_RETRY);
        assertThat(userTexts(customer)).containsExactly("Hello there");
        assertThat(MailServers.receivedBy(mail, customer)).hasSize(1);
    }

    @Test
    void should_read_new_mail_when_idle_announces_it_without_waiting_for_the_poll() throws Exception {
        String customer = "idle-" + UUID.randomUUID() + "@example.test";
        llm.replies("Heard you.");
        time.advance(Duration.ZERO); // the first pass ran; it left an IDLE watch open
        ChannelAccountId id = new ChannelAccountId(UUID.fromString(channelId));
        await().atMost(Duration.ofSeconds(10)).until(() -> idle.watching(id));
        Instant nextPoll = time.scheduled(MailboxPollJob.TASK, channelId).orElseThrow();
        assertThat(nextPoll).isAfter(time.now().plusSeconds(30));

        MailServers.deliver(
                mail,
                mailbox,
                MailServers.email(
                        customer, mailbox, "idle-" + UUID.randomUUID() + "@example.test", "Hi", "Anyone there?"));

        await().atMost(Duration.ofSeconds(15)).until(() -> userTexts(customer).contains("Anyone there?"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"type\": \"email\"} | address",
                "{\"type\": \"email\", \"address\": \"not an address\"} | address",
                "{\"type\": \"email\", \"address\": \"a@b.test\"} | smtp",
                "{\"type\": \"email\", \"address\": \"a@b.test\", \"smtp\": {\"host\": \"127.0.0.1\", \"port\": 70000, \"username\": \"u\", \"password\": \"p\", \"tls\": false}} | smtp.port",
                "{\"type\": \"email\", \"address\": \"a@b.test\", \"smtp\": {\"host\": \"\", \"port\": 25, \"username\": \"u\", \"password\": \"p\", \"tls\": false}} | smtp.host",
                "{\"type\": \"email\", \"address\": \"a@b.test\", \"smtp\": {\"host\": \"127.0.0.1\", \"port\": 25, \"username\": \"u\", \"password\": \"\", \"tls\": false}} | smtp.password",
                "{\"type\": \"email\", \"address\": \"a@b.test\", \"smtp\": {\"host\": \"127.0.0.1\", \"port\": 25, \"username\": \"u\", \"password\": \"p\", \"tls\": \"maybe\"}} | smtp.tls",
                "{\"type\": \"email\", \"address\": \"a@b.test\", \"smtp\": {\"host\": \"127.0.0.1\", \"port\": 25, \"username\": \"u\", \"password\": \"p\", \"tls\": false}} | imap",
                "{\"type\": \"email\", \"address\": \"a@b.test\", \"smtp\": {\"host\": \"127.0.0.1\", \"port\": 25, \"username\": \"u\", \"password\": \"p\", \"tls\": false}, \"imap\": {\"host\": \"127.0.0.1\", \"port\": 143, \"password\": \"p\", \"tls\": false}} | imap.username",
                "{\"type\": \"email\", \"address\": \"a@b.test\", \"smtp\": {\"host\": \"10.0.0.7\", \"port\": 25, \"username\": \"u\", \"password\": \"p\", \"tls\": true}, \"imap\": {\"host\": \"127.0.0.1\", \"port\": 143, \"username\": \"u\", \"password\": \"p\", \"tls\": false}} | smtp.host",
                "{\"type\": \"email\", \"address\": \"a@b.test\", \"extra\": 1} | extra",
                "{\"type\": \"email\", \"address\": \"a@b.test\\r\\nBcc: x@y.test\"} | address",
                "{\"type\": \"email\", \"address\": [\"a@b.test\"]} | address",
                "{\"type\": \"email\", \"address\": \"a@b.test\", \"smtp\": []} | smtp",
                "{\"type\": \"email\", \"address\": \"a@b.test\", \"smtp\": {\"host\": \"127.0.0.1\", \"port\": \"25\", \"username\": \"u\", \"password\": \"p\", \"tls\": false}} | smtp.port",
                "{\"type\": \"email\", \"address\": \"a@b.test\", \"smtp\": {\"host\": \"127.0.0.1\", \"port\": 25, \"username\": \"u\", \"password\": \"p\\u0007\", \"tls\": false}} | smtp.password",
                "{\"type\": \"email\", \"address\": \"a@b.test\", \"smtp\": {\"host\": \"evil test\\r\\nX\", \"port\": 25, \"username\": \"u\", \"password\": \"p\", \"tls\": false}} | smtp.host",
                "{\"type\": \"email\", \"address\": \"a@b.test\", \"smtp\": {\"host\": \"127.0.0.1\", \"port\": 25, \"username\": \"u\", \"password\": \"p\", \"tls\": false, \"x\": 1}} | smtp.x"
            })
    void should_refuse_a_bad_connect_body_naming_the_field(String body, String field) {
        Api.Response refused = api.post("/api/v1/chatbots/" + bot.chatbotId() + "/channels", body);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().path("field").asString()).isEqualTo(field);
    }

    @Test
    void should_refuse_a_login_the_server_does_not_accept_with_a_clear_problem() {
        Api.Response refused = api.post(
                "/api/v1/chatbots/" + bot.chatbotId() + "/channels",
                MailServers.connectBody(mail, MailServers.newMailbox(mail), "wrong"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().path("code").asString()).isEqualTo("channel_verification_failed");
        assertThat(refused.json().path("field").asString()).isEqualTo("smtp");
        assertThat(refused.json().path("reason").asString()).isEqualTo("auth_failed");
    }

    @Test
    void should_list_the_mailbox_without_its_passwords() {
        JsonNode listed =
                api.get("/api/v1/chatbots/" + bot.chatbotId() + "/channels").json();

        JsonNode channel = listed.get(0);
        assertThat(channel.path("address").asString()).isEqualTo(mailbox);
        assertThat(channel.path("smtp").path("passwordSet").asBoolean()).isTrue();
        assertThat(channel.path("imap").path("passwordSet").asBoolean()).isTrue();
        assertThat(channel.path("smtp").has("password")).isFalse();
        assertThat(channel.toString()).doesNotContain("\"pw\"");
    }

    private List<MimeMessage> awaitReceived(String recipient, int count) {
        return await().atMost(Duration.ofSeconds(15))
                .until(() -> MailServers.receivedBy(mail, recipient), received -> received.size() >= count);
    }

    private List<String> userTexts(String contact) {
        Optional<JsonNode> conversation = ChannelContract.conversationOf(api, bot.chatbotId(), contact);
        if (conversation.isEmpty()) {
            return List.of();
        }
        List<String> texts = new java.util.ArrayList<>();
        for (JsonNode message : api.get(
                        "/api/v1/conversations/" + conversation.get().path("id").asString() + "/messages")
                .json()) {
            if ("user".equals(message.path("role").asString())) {
                texts.add(message.path("content").asString());
            }
        }
        return texts;
    }
}
