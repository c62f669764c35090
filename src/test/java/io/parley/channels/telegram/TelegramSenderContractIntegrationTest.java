package io.parley.channels.telegram;

import io.parley.delivery.ChannelSenderContract;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.OrganizationId;
import io.parley.platform.channel.ChannelType;
import io.parley.testing.Api;
import io.parley.testing.LlmFake;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@link TelegramSender} through the sender contract: the Bot API's send methods on WireMock. */
class TelegramSenderContractIntegrationTest extends ChannelSenderContract {
    @Override
    protected Fixture fixture() {
        return new Fixture() {
            private TelegramConnection telegram;

            @Override
            public ChannelType type() {
                return new ChannelType("telegram");
            }

            @Override
            public Target connect(Api api) {
                telegram = TelegramConnection.connect(api, LlmFake.create());
                return new Target(
                        new OrganizationId(UUID.fromString(telegram.organizationId())),
                        new ChannelAccountId(UUID.fromString(telegram.channelId())),
                        Long.toString(TelegramConnection.newUserId()),
                        Map.of());
            }

            /**
             * Telegram takes no key of ours, so Parley remembers what it answered per outbound id and answers a
             * repeated send from there.
             */
            @Override
            public Resend resend() {
                return Resend.SAME_PROVIDER_ID;
            }

            @Override
            public List<String> keysOnTheWire(Target target) {
                return List.of();
            }

            /** Telegram says how long to wait in {@code parameters.retry_after}. */
            @Override
            public boolean answerSendsWith(Target target, int status, Integer retryAfterSeconds) {
                String description = switch (status) {
                    case 400 -> "Bad Request: chat not found";
                    case 401 -> "Unauthorized";
                    case 403 -> "Forbidden: bot was kicked from the group chat";
                    case 404 -> "Not Found";
                    case 429 -> "Too Many Requests: retry after " + retryAfterSeconds;
                    default -> "Internal Server Error";
                };
                TelegramFake.answer(
                        telegram.bot(), "sendMessage", TelegramFake.error(status, description, retryAfterSeconds));
                return true;
            }
        };
    }
}
