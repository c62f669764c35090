package io.parley.channels.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.channels.ChannelContract;
import io.parley.platform.channel.ChannelType;
import io.parley.platform.channel.FailureClass;
import io.parley.testing.Api;
import io.parley.testing.LlmFake;
import java.util.List;
import java.util.Map;

/** Telegram through the port's contract: updates at the registered webhook in, Bot API sends (WireMock) out. */
class TelegramChannelContractIntegrationTest extends ChannelContract {
    @Override
    protected Fixture fixture() {
        return new TelegramFixture();
    }

    static final class TelegramFixture implements Fixture {
        private TelegramConnection telegram;

        @Override
        public ChannelType type() {
            return new ChannelType("telegram");
        }

        @Override
        public Connection connect(Api api, LlmFake llm) {
            telegram = TelegramConnection.connect(api, llm);
            return new Connection(
                    telegram.organizationId(),
                    telegram.chatbotId(),
                    telegram.channelId(),
                    telegram.connectResponse(),
                    List.of(telegram.bot().token(), telegram.secret()),
                    Map.of());
        }

        /** The Telegram user id, stored as the contact's {@code telegram} identity. */
        @Override
        public String newContact() {
            return Long.toString(TelegramConnection.newUserId());
        }

        /** The same {@code messageId} gives the same update id and message id: a redelivery. */
        @Override
        public void deliver(Api api, Connection connection, String contact, String messageId, String text) {
            long number = Math.floorMod((long) messageId.hashCode(), 1_000_000_000L) + 1;
            Api.Response ack = telegram.deliver(api, TelegramFake.text(number, Long.parseLong(contact), number, text));
            assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        }

        /** What the contact sees: the MarkdownV2 text with its escapes read. */
        @Override
        public List<String> sent(Api api, Connection connection, String contact) {
            return TelegramFake.calls(telegram.bot(), "sendMessage").stream()
                    .filter(body -> body.path("chat_id").asString().equals(contact))
                    .map(body -> MarkdownV2.unescape(body.path("text").asString()))
                    .toList();
        }

        @Override
        public Map<String, FailureClass> errorCodes() {
            return Map.of(
                    "http_429",
                    FailureClass.RETRY,
                    "http_500",
                    FailureClass.RETRY,
                    "http_502",
                    FailureClass.RETRY,
                    "timeout",
                    FailureClass.RETRY,
                    "network_error",
                    FailureClass.RETRY,
                    "http_400",
                    FailureClass.PERMANENT,
                    "http_401",
                    FailureClass.PERMANENT,
                    "http_403",
                    FailureClass.PERMANENT,
                    TelegramOutcomes.BLOCKED,
                    FailureClass.PERMANENT);
        }

        @Override
        public boolean provokePermanentError(Connection connection) {
            TelegramFake.answer(
                    telegram.bot(), "sendMessage", TelegramFake.error(400, "Bad Request: chat not found", null));
            return true;
        }
    }
}
