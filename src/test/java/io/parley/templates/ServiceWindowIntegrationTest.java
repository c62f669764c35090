package io.parley.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.conversation.ServiceWindows;
import io.parley.platform.ConversationId;
import io.parley.templates.WindowDecision.Closed;
import io.parley.templates.WindowDecision.Open;
import io.parley.templates.WindowDecision.UseTemplate;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Webhooks;
import io.parley.testing.WhatsAppChat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class ServiceWindowIntegrationTest extends IntegrationTestSupport {
    @Autowired
    ServiceWindows windows;

    @Autowired
    OutsideWindow outsideWindow;

    TemplateBots.Bot bot;
    WhatsAppChat chat;

    @BeforeEach
    void contactWrites() {
        bot = TemplateBots.create(api);
        chat = WhatsAppChat.start(api, bot.asWhatsAppBot());
    }

    @Test
    void should_open_window_from_inbound_and_keep_it_when_bot_replies_or_an_older_webhook_arrives_late() {
        // The window opens at the message's own timestamp, which Meta stamps (WhatsAppPayloads: the wall clock), not
        // at Parley's clock, which earlier tests of this shared context may have moved ahead.
        Instant before = Instant.now().minusSeconds(1);
        chat.says("opening hours");
        ConversationId conversation = conversation();
        Instant expires = windows.expiresAt(conversation).orElseThrow();
        assertThat(expires)
                .isBetween(
                        before.plus(Duration.ofHours(24)).minusSeconds(1),
                        Instant.now().plus(Duration.ofHours(24)));

        chat.awaitReceived(1);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> chat.lastReplyDelivery().isPresent());
        assertThat(windows.expiresAt(conversation)).contains(expires);

        long threeHoursAgo = time.now().minus(Duration.ofHours(3)).getEpochSecond();
        String late = WhatsAppPayloads.textWithProfile(
                        bot.phoneNumberId(), chat.waId(), "Ana", WhatsAppPayloads.newWamid(), "sent earlier")
                .replaceAll("\"timestamp\":\"\\d+\"", "\"timestamp\":\"" + threeHoursAgo + "\"");
        assertThat(Webhooks.post(api, late, bot.appSecret()).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> chat.messages().size() >= 3);
        assertThat(windows.expiresAt(conversation)).contains(expires);
    }

    @Test
    void should_open_window_from_when_the_contact_wrote_when_webhook_is_delivered_late() {
        long twoHoursAgo = time.now().minus(Duration.ofHours(2)).getEpochSecond();
        String late = WhatsAppPayloads.textWithProfile(
                        bot.phoneNumberId(), chat.waId(), "Ana", WhatsAppPayloads.newWamid(), "hello")
                .replaceAll("\"timestamp\":\"\\d+\"", "\"timestamp\":\"" + twoHoursAgo + "\"");
        assertThat(Webhooks.post(api, late, bot.appSecret()).status()).isEqualTo(200);

        assertThat(windows.expiresAt(conversation()))
                .contains(Instant.ofEpochSecond(twoHoursAgo).plus(Duration.ofHours(24)));
    }

    @Test
    void should_send_free_text_when_window_is_open() {
        chat.says("hello");

        assertThat(outsideWindow.decide(conversation(), time.now())).isInstanceOf(Open.class);
    }

    @Test
    void should_fail_as_window_closed_and_record_event_when_contact_wrote_25_hours_ago_and_no_template_is_set() {
        chat.says("hello");
        ConversationId conversation = conversation();

        WindowDecision decision = outsideWindow.decide(conversation, time.now().plus(Duration.ofHours(25)));

        assertThat(decision).isEqualTo(new Closed("no_window_template"));
        outsideWindow.recordWindowClosed(conversation, (Closed) decision);
        JsonNode events = api.get("/api/v1/organizations/" + bot.organizationId() + "/events?type="
                        + OutsideWindow.WINDOW_CLOSED_EVENT)
                .json();
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.path("conversationId").asString()).isEqualTo(conversation.toString());
            assertThat(event.path("chatbotId").asString()).isEqualTo(bot.chatbotId());
            assertThat(event.path("payload").path("reason").asString()).isEqualTo("no_window_template");
        });
    }

    @Test
    void should_use_configured_template_with_resolved_parameters_when_contact_wrote_25_hours_ago() {
        chat.says("hello");
        TemplateBots.register(api, bot, "we_are_back", "Hi {{1}}, {{2}} has news for you.", "approved");
        Api.Response set = api.put("/api/v1/chatbots/" + bot.chatbotId() + "/window-template", """
                {"name": "we_are_back", "language": "en_US",
                 "parameters": ["{{contact.name|there}}", "{{chatbot.name}}"]}""");
        assertThat(set.status()).as(set.body()).isEqualTo(200);

        WindowDecision decision =
                outsideWindow.decide(conversation(), time.now().plus(Duration.ofHours(25)));

        assertThat(decision)
                .isEqualTo(new UseTemplate(
                        "we_are_back", "en_US", List.of("Ana", "Support"), "Hi Ana, Support has news for you."));
        assertThat(((UseTemplate) decision).graphPayload())
                .isEqualTo(Map.of(
                        "type",
                        "template",
                        "template",
                        Map.of(
                                "name",
                                "we_are_back",
                                "language",
                                Map.of("code", "en_US"),
                                "components",
                                List.of(Map.of(
                                        "type",
                                        "body",
                                        "parameters",
                                        List.of(
                                                Map.of("type", "text", "text", "Ana"),
                                                Map.of("type", "text", "text", "Support")))))));
    }

    @Test
    void should_fail_as_window_closed_when_configured_template_was_paused() {
        chat.says("hello");
        TemplateBots.register(api, bot, "paused_later", "Hi {{1}}", "approved");
        assertThat(api.put("/api/v1/chatbots/" + bot.chatbotId() + "/window-template", """
                {"name": "paused_later", "language": "en_US", "parameters": ["{{contact.name}}"]}""")
                        .status())
                .isEqualTo(200);
        TemplateBots.register(api, bot, "paused_later", "Hi {{1}}", "paused");

        assertThat(outsideWindow.decide(conversation(), time.now().plus(Duration.ofHours(25))))
                .isEqualTo(new Closed("window_template_paused"));
    }

    private ConversationId conversation() {
        return new ConversationId(UUID.fromString(chat.conversationId()));
    }
}
