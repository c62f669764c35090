package io.parley.channels.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.channels.ChannelContract;
import io.parley.platform.channel.ChannelType;
import io.parley.platform.channel.FailureClass;
import io.parley.testing.Api;
import io.parley.testing.LlmFake;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The sandbox web chat through the port's contract: messages in through its route, replies "sent" when the outbox
 * hands them to the page; nothing to connect, no provider to fail, and no proactive sends.
 */
class WebchatChannelContractIntegrationTest extends ChannelContract {
    @Override
    protected Fixture fixture() {
        return new WebchatFixture();
    }

    static final class WebchatFixture implements Fixture {
        @Override
        public ChannelType type() {
            return ChannelType.WEBCHAT;
        }

        @Override
        public Connection connect(Api api, LlmFake llm) {
            NewChatbot bot = newChatbot(api, llm);
            return new Connection(bot.organizationId(), bot.chatbotId(), null, null, List.of(llm.apiKey()), Map.of());
        }

        @Override
        public String newContact() {
            return "visitor-" + UUID.randomUUID();
        }

        @Override
        public void deliver(Api api, Connection connection, String contact, String messageId, String text) {
            Api.Response accepted = api.post(
                    "/api/v1/chatbots/" + connection.chatbotId() + "/webchat/messages",
                    Api.json()
                            .writeValueAsString(
                                    Map.of("sessionId", contact, "clientMessageId", messageId, "text", text)));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        }

        @Override
        public List<String> sent(Api api, Connection connection, String contact) {
            return conversationOf(api, connection.chatbotId(), contact)
                    .map(conversation ->
                            sentThroughOutbox(api, conversation.path("id").asString()))
                    .orElse(List.of());
        }

        @Override
        public Map<String, FailureClass> errorCodes() {
            return Map.of();
        }

        @Override
        public boolean provokePermanentError(Connection connection) {
            return false;
        }
    }
}
