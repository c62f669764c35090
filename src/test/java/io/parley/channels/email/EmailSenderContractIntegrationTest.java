package io.parley.channels.email;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.parley.channels.ChannelContract;
import io.parley.delivery.ChannelSenderContract;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.OrganizationId;
import io.parley.platform.channel.ChannelType;
import io.parley.testing.Api;
import io.parley.testing.LlmFake;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@link EmailSender} through the sender contract, GreenMail as the SMTP server. Our Message-ID carries the outbound
 * id ({@code <outbound id@domain>}), so a resend carries the same key and the recipient's client shows it once.
 * GreenMail cannot answer HTTP-like statuses; the SMTP reply codes are {@link SmtpOutcomesTest}'s.
 */
class EmailSenderContractIntegrationTest extends ChannelSenderContract {
    @RegisterExtension
    static final GreenMailExtension mail = MailServers.greenMail();

    @Autowired
    private MailboxIdle idle;

    @AfterEach
    void stopReading() {
        MailServers.stopReading(
                jdbc, time, idle, target.channelAccountId().value().toString());
    }

    @Override
    protected Fixture fixture() {
        return new Fixture() {
            @Override
            public ChannelType type() {
                return new ChannelType("email");
            }

            @Override
            public Target connect(Api api) {
                ChannelContract.NewChatbot bot = ChannelContract.newChatbot(api, LlmFake.create());
                String address = MailServers.newMailbox(mail);
                String channelId =
                        MailServers.connect(api, bot.chatbotId(), mail, address).text("id");
                return new Target(
                        new OrganizationId(UUID.fromString(bot.organizationId())),
                        new ChannelAccountId(UUID.fromString(channelId)),
                        "someone-" + UUID.randomUUID() + "@example.test",
                        Map.of());
            }

            @Override
            public Resend resend() {
                return Resend.SAME_KEY_ON_THE_WIRE;
            }

            @Override
            public List<String> keysOnTheWire(Target target) {
                try {
                    List<String> keys = new ArrayList<>();
                    for (MimeMessage message : MailServers.receivedBy(mail, target.recipient())) {
                        String id = message.getMessageID();
                        keys.add(id.substring(1, id.indexOf('@')));
                    }
                    return keys;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }

            @Override
            public boolean answerSendsWith(Target target, int status, Integer retryAfterSeconds) {
                return false;
            }
        };
    }
}
