package io.parley.conversation;

import static io.parley.channels.whatsapp.WhatsAppPayloads.newWamid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.Webhooks;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class WhatsAppConversationIntegrationTest extends IntegrationTestSupport {

    @Test
    void should_answer_a_whatsapp_message_once_through_the_model_when_a_webhook_arrives() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("We open at 9.");
        String wamid = newWamid();

        Api.Response ack = Webhooks.post(
                api,
                WhatsAppPayloads.textWithProfile(bot.phoneNumberId(), "15551230001", "Ana", wamid, "When do you open?"),
                bot.appSecret());

        assertThat(ack.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> GraphFake.sends(bot.phoneNumberId()).size() == 1);
        JsonNode sent = Api.json()
                .readTree(GraphFake.sends(bot.phoneNumberId()).getFirst().getBodyAsString());
        assertThat(sent.path("to").asString()).isEqualTo("15551230001");
        assertThat(sent.path("text").path("body").asString()).isEqualTo("We open at 9.");
        assertThat(sent.path("biz_opaque_callback_data").asString()).isNotBlank();
        assertThat(GraphFake.sends(bot.phoneNumberId()).getFirst().getHeader("Authorization"))
                .isEqualTo("Bearer " + bot.accessToken());
        assertThat(GraphFake.typingIndicators(bot.phoneNumberId())).hasSize(1);
        assertThat(Api.json()
                        .readTree(GraphFake.typingIndicators(bot.phoneNumberId())
                                .getFirst()
                                .getBodyAsString())
                        .path("message_id")
                        .asString())
                .isEqualTo(wamid);

        String llmRequest = bot.llm().requests().getFirst().getBodyAsString();
        assertThat(llmRequest)
                .contains("When do you open?")
                .contains("You are a helpful assistant.")
                .contains("Ana");

        JsonNode conversations = api.get("/api/v1/chatbots/" + bot.chatbotId() + "/conversations")
                .json();
        assertThat(conversations).hasSize(1);
        assertThat(conversations.get(0).path("contact").path("name").asString()).isEqualTo("Ana");
        assertThat(conversations.get(0).path("owner").asString()).isEqualTo("bot");
        String conversationId = conversations.get(0).path("id").asString();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode messages = api.get("/api/v1/conversations/" + conversationId + "/messages")
                    .json();
            assertThat(messages).hasSize(2);
            assertThat(messages.get(0).path("role").asString()).isEqualTo("user");
            assertThat(messages.get(0).path("content").asString()).isEqualTo("When do you open?");
            assertThat(messages.get(1).path("role").asString()).isEqualTo("assistant");
            assertThat(messages.get(1).path("delivery").path("status").asString())
                    .isEqualTo("sent");
            assertThat(messages.get(1)
                            .path("delivery")
                            .path("providerMessageId")
                            .asString())
                    .startsWith("wamid.OUT");
        });
    }
}
