package io.parley.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.WhatsAppChat;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The 24-hour rule on the real send path: outside the window a template goes out, or the message is window_closed. */
class WindowDeliveryIntegrationTest extends IntegrationTestSupport {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    TemplateBots.Bot bot;
    WhatsAppChat chat;

    @BeforeEach
    void contactWroteTwentyFiveHoursAgo() {
        bot = TemplateBots.create(api);
        GraphFake.acceptStructuredSends(bot.phoneNumberId());
        chat = WhatsAppChat.start(api, bot.asWhatsAppBot());
        chat.says("opening hours");
        chat.awaitReceived(1);
        jdbc.sql("update conversations set window_expires_at = now() - interval '1 hour' where id = :id")
                .param("id", UUID.fromString(chat.conversationId()))
                .update();
    }

    @Test
    void should_send_the_window_template_instead_of_free_text_when_the_window_is_closed() {
        TemplateBots.register(api, bot, "we_are_back", "Hi {{1}}, we have news.", "approved");
        assertThat(api.put("/api/v1/chatbots/" + bot.chatbotId() + "/window-template", """
                {"name": "we_are_back", "language": "en_US", "parameters": ["{{contact.name|there}}"]}""")
                        .status())
                .isEqualTo(200);
        int textsBefore = GraphFake.sends(bot.phoneNumberId()).size();

        Api.Response queued = api.post(messages(), "{\"text\": \"Your order shipped\"}");

        assertThat(queued.status()).as(queued.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> status(queued.text("id")).equals("sent"));
        assertThat(GraphFake.sendsOfType(bot.phoneNumberId(), "template"))
                .singleElement()
                .satisfies(request -> {
                    JsonNode body = JSON.readTree(request.getBodyAsString());
                    assertThat(body.path("template").path("name").asString()).isEqualTo("we_are_back");
                    assertThat(body.path("template")
                                    .path("components")
                                    .get(0)
                                    .path("parameters")
                                    .get(0)
                                    .path("text")
                                    .asString())
                            .isEqualTo("Ana");
                });
        assertThat(GraphFake.sends(bot.phoneNumberId())).hasSize(textsBefore);
        assertThat(events("delivery.window_template_used")).hasSize(1);
    }

    @Test
    void should_end_as_window_closed_with_an_event_and_a_dead_letter_when_no_template_is_configured() {
        int textsBefore = GraphFake.sends(bot.phoneNumberId()).size();

        Api.Response queued = api.post(messages(), "{\"text\": \"Your order shipped\"}");

        await().atMost(Duration.ofSeconds(15))
                .until(() -> status(queued.text("id")).equals("window_closed"));
        assertThat(GraphFake.sends(bot.phoneNumberId())).hasSize(textsBefore);
        assertThat(GraphFake.sendsOfType(bot.phoneNumberId(), "template")).isEmpty();
        assertThat(events(OutsideWindow.WINDOW_CLOSED_EVENT))
                .singleElement()
                .satisfies(
                        event -> assertThat(event.path("payload").path("reason").asString())
                                .isEqualTo("no_window_template"));
        JsonNode letters = api.get("/api/v1/organizations/" + bot.organizationId() + "/dead-letters")
                .json();
        assertThat(letters)
                .singleElement()
                .satisfies(
                        letter -> assertThat(letter.path("reason").asString()).isEqualTo("window_closed"));

        // The contact writes again: the window is open, and a replay sends the text once.
        chat.says("still there?");
        Api.Response replay = api.post(
                "/api/v1/organizations/" + bot.organizationId() + "/dead-letters/"
                        + letters.get(0).path("id").asString() + "/replay",
                "{}");
        assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> status(queued.text("id")).equals("sent"));
        assertThat(GraphFake.sends(bot.phoneNumberId()).stream()
                        .filter(r -> r.getBodyAsString().contains("Your order shipped")))
                .hasSize(1);
    }

    private String messages() {
        return "/api/v1/conversations/" + chat.conversationId() + "/messages";
    }

    private String status(String messageId) {
        for (JsonNode message : api.get(messages()).json()) {
            if (message.path("id").asString().equals(messageId)) {
                return message.path("delivery").path("status").asString();
            }
        }
        return "";
    }

    private JsonNode events(String type) {
        return api.get("/api/v1/organizations/" + bot.organizationId() + "/events?type=" + type)
                .json();
    }
}
