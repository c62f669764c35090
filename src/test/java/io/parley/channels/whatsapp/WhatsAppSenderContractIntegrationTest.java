package io.parley.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.parley.channels.ChannelContract;
import io.parley.delivery.ChannelSenderContract;
import io.parley.platform.ChannelAccountId;
import io.parley.platform.OrganizationId;
import io.parley.platform.channel.ChannelType;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.LlmFake;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/** {@link WhatsAppOutbound} through the sender contract: Graph's {@code /messages} on WireMock. */
class WhatsAppSenderContractIntegrationTest extends ChannelSenderContract {
    private static final AtomicLong PHONE_NUMBER_IDS =
            new AtomicLong(310_000_000_000_000L + System.nanoTime() % 1_000_000_000L);

    @Override
    protected Fixture fixture() {
        return new Fixture() {
            @Override
            public ChannelType type() {
                return ChannelType.WHATSAPP;
            }

            @Override
            public Target connect(Api api) {
                ChannelContract.NewChatbot bot = ChannelContract.newChatbot(api, LlmFake.create());
                String phoneNumberId = Long.toString(PHONE_NUMBER_IDS.incrementAndGet());
                GraphFake.acceptSends(phoneNumberId);
                GraphFake.acceptStructuredSends(phoneNumberId);
                Api.Response channel = api.post("/api/v1/chatbots/" + bot.chatbotId() + "/channels", """
                        {"type": "whatsapp", "phoneNumberId": "%s", "accessToken": "EAAsender%s",
                         "appSecret": "secret-%s", "verifyToken": "verify-%s"}""".formatted(
                                phoneNumberId,
                                UUID.randomUUID().toString().replace("-", ""),
                                UUID.randomUUID(),
                                UUID.randomUUID()));
                assertThat(channel.status()).as(channel.body()).isEqualTo(201);
                return new Target(
                        new OrganizationId(UUID.fromString(bot.organizationId())),
                        new ChannelAccountId(UUID.fromString(channel.text("id"))),
                        "+1555" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L),
                        Map.of("phoneNumberId", phoneNumberId));
            }

            /** Our outbound id travels as {@code biz_opaque_callback_data}; status webhooks match sends by it. */
            @Override
            public Resend resend() {
                return Resend.SAME_KEY_ON_THE_WIRE;
            }

            @Override
            public List<String> keysOnTheWire(Target target) {
                return GraphFake.callbackData(target.extra().get("phoneNumberId"));
            }

            /** Meta's generic error code (131000), so the status alone decides. */
            @Override
            public boolean answerSendsWith(Target target, int status, Integer retryAfterSeconds) {
                ResponseDefinitionBuilder response = GraphFake.error(status, 131000, "Something went wrong");
                if (retryAfterSeconds != null) {
                    response = response.withHeader("Retry-After", retryAfterSeconds.toString());
                }
                GraphFake.sendsAnswer(target.extra().get("phoneNumberId"), response);
                return true;
            }
        };
    }
}
