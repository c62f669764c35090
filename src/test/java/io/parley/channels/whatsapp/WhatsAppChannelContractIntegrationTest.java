package io.parley.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.channels.ChannelContract;
import io.parley.platform.channel.ChannelType;
import io.parley.platform.channel.FailureClass;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.LlmFake;
import io.parley.testing.Webhooks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;

/** WhatsApp Cloud API through the port's contract: signed webhooks in, Graph sends (WireMock) out. */
class WhatsAppChannelContractIntegrationTest extends ChannelContract {
    private static final AtomicLong PHONE_NUMBER_IDS =
            new AtomicLong(300_000_000_000_000L + System.nanoTime() % 1_000_000_000L);

    @Override
    protected Fixture fixture() {
        return new WhatsAppFixture();
    }

    static final class WhatsAppFixture implements Fixture {
        @Override
        public ChannelType type() {
            return ChannelType.WHATSAPP;
        }

        @Override
        public Connection connect(Api api, LlmFake llm) {
            NewChatbot bot = newChatbot(api, llm);
            String phoneNumberId = Long.toString(PHONE_NUMBER_IDS.incrementAndGet());
            String accessToken = "EAAcontract" + UUID.randomUUID().toString().replace("-", "");
            String appSecret = "secret-" + UUID.randomUUID();
            String verifyToken = "verify-" + UUID.randomUUID();
            GraphFake.acceptSends(phoneNumberId);
            Api.Response channel = api.post("/api/v1/chatbots/" + bot.chatbotId() + "/channels", """
                    {"type": "whatsapp", "phoneNumberId": "%s", "accessToken": "%s", "appSecret": "%s",
                     "verifyToken": "%s"}""".formatted(
                            phoneNumberId, accessToken, appSecret, verifyToken));
            return new Connection(
                    bot.organizationId(),
                    bot.chatbotId(),
                    channel.status() == 201 ? channel.text("id") : null,
                    channel,
                    List.of(accessToken, appSecret, verifyToken),
                    Map.of("phoneNumberId", phoneNumberId, "appSecret", appSecret));
        }

        /** Stored as the phone identity {@code +<wa_id>} (ADR 31); Meta's payloads carry the digits. */
        @Override
        public String newContact() {
            return "+1555" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
        }

        @Override
        public void deliver(Api api, Connection connection, String contact, String messageId, String text) {
            Api.Response ack = Webhooks.post(
                    api,
                    WhatsAppPayloads.text(
                            connection.extra().get("phoneNumberId"), contact.substring(1), "wamid." + messageId, text),
                    connection.extra().get("appSecret"));
            assertThat(ack.status()).isEqualTo(200);
        }

        @Override
        public List<String> sent(Api api, Connection connection, String contact) {
            List<String> texts = new ArrayList<>();
            GraphFake.sends(connection.extra().get("phoneNumberId")).stream()
                    .sorted(java.util.Comparator.comparing(request -> request.getLoggedDate()))
                    .forEach(request -> {
                        JsonNode body = Api.json().readTree(request.getBodyAsString());
                        if (contact.substring(1).equals(body.path("to").asString())) {
                            texts.add(body.path("text").path("body").asString());
                        }
                    });
            return texts;
        }

        @Override
        public Map<String, FailureClass> errorCodes() {
            return Map.of(
                    "131047",
                    FailureClass.WINDOW_CLOSED,
                    "131056",
                    FailureClass.RETRY,
                    "130429",
                    FailureClass.RETRY,
                    "80007",
                    FailureClass.RETRY,
                    "http_503",
                    FailureClass.RETRY,
                    "100",
                    FailureClass.PERMANENT,
                    "190",
                    FailureClass.PERMANENT,
                    "131026",
                    FailureClass.PERMANENT);
        }

        @Override
        public boolean provokePermanentError(Connection connection) {
            GraphFake.sendsRespondInSequence(
                    connection.extra().get("phoneNumberId"), GraphFake.error(400, 100, "Invalid parameter"));
            return true;
        }
    }
}
