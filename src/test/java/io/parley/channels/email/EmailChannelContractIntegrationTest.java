package io.parley.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.parley.channels.ChannelContract;
import io.parley.platform.channel.ChannelType;
import io.parley.platform.channel.FailureClass;
import io.parley.testing.Api;
import io.parley.testing.LlmFake;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The email channel through the port's contract, GreenMail playing the tenant's mail server: connected with SMTP
 * and IMAP settings, emails dropped into the bot's INBOX and read by the poll job (the clock moved past the poll
 * interval), replies received by GreenMail's SMTP, and a wrong SMTP password as the permanent refusal.
 */
class EmailChannelContractIntegrationTest extends ChannelContract {
    /** Past {@code parley.email.poll-interval}: the mailbox's next read is due. */
    static final Duration PAST_POLL = Duration.ofSeconds(61);

    @RegisterExtension
    static final GreenMailExtension mail = MailServers.greenMail();

    @Autowired
    private MailboxIdle idle;

    @AfterEach
    void stopReading() {
        MailServers.stopReading(jdbc, time, idle, connection.channelId());
    }

    @Override
    protected Fixture fixture() {
        return new EmailFixture();
    }

    final class EmailFixture implements Fixture {
        @Override
        public ChannelType type() {
            return new ChannelType("email");
        }

        @Override
        public Connection connect(Api api, LlmFake llm) {
            NewChatbot bot = newChatbot(api, llm);
            String address = MailServers.newMailbox(mail);
            Api.Response connected = MailServers.connect(api, bot.chatbotId(), mail, address);
            return new Connection(
                    bot.organizationId(),
                    bot.chatbotId(),
                    connected.text("id"),
                    connected,
                    List.of(llm.apiKey(), "\"pw\""),
                    Map.of("address", address));
        }

        @Override
        public String newContact() {
            return "customer-" + UUID.randomUUID() + "@example.test";
        }

        @Override
        public void deliver(Api api, Connection connection, String contact, String messageId, String text) {
            String mailbox = connection.extra().get("address");
            try {
                MailServers.deliver(
                        mail,
                        mailbox,
                        MailServers.email(contact, mailbox, messageId + "@contract.test", "Question", text));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            time.advance(PAST_POLL);
        }

        @Override
        public List<String> sent(Api api, Connection connection, String contact) {
            try {
                List<String> texts = new ArrayList<>();
                for (MimeMessage message : MailServers.receivedBy(mail, contact)) {
                    texts.add(MailServers.plainText(message));
                }
                return texts;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }

        @Override
        public Map<String, FailureClass> errorCodes() {
            return Map.of(
                    "smtp_421", FailureClass.RETRY,
                    "smtp_451", FailureClass.RETRY,
                    "smtp_550", FailureClass.PERMANENT,
                    "smtp_554", FailureClass.PERMANENT,
                    "smtp_535", FailureClass.PERMANENT,
                    "smtp_unreachable", FailureClass.RETRY);
        }

        /** A wrong SMTP password: the server answers 535, which no retry can fix. */
        @Override
        public boolean provokePermanentError(Connection connection) {
            Api.Response patched = api.patch(
                    "/api/v1/chatbots/" + connection.chatbotId() + "/channels/" + connection.channelId(),
                    "{\"smtp\": {\"password\": \"wrong\"}, \"verify\": false}");
            assertThat(patched.status()).as(patched.body()).isEqualTo(200);
            return true;
        }
    }
}
