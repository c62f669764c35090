package io.parley.channels.telegram;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.http.Fault;
import io.parley.channels.ChannelContract;
import io.parley.delivery.SendOutcome;
import io.parley.notifications.RenderedNotification;
import io.parley.notifications.StaffChannel;
import io.parley.notifications.StaffDelivery;
import io.parley.notifications.StaffLink;
import io.parley.platform.OrganizationId;
import io.parley.testing.Api;
import io.parley.testing.Fakes;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.LlmFake;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A Telegram bot end to end on the shared context: connect (getMe, setWebhook), the webhook's secret header, update
 * dedupe, button presses, blocks, media, edits, removal (deleteWebhook) and tenant isolation.
 */
class TelegramWebhookIntegrationTest extends IntegrationTestSupport {
    private static final AtomicLong UPDATE_IDS = new AtomicLong(500_000_000L);

    @Autowired
    private List<StaffChannel> staffChannels;

    private LlmFake llm;
    private TelegramConnection telegram;
    private long user;

    @BeforeEach
    void connect() {
        llm = LlmFake.create();
        telegram = TelegramConnection.connect(api, llm);
        user = TelegramConnection.newUserId();
    }

    @Test
    void should_register_the_webhook_with_a_secret_and_the_updates_parley_reads_and_never_show_the_token() {
        JsonNode registration = TelegramFake.calls(telegram.bot(), "setWebhook").getLast();

        assertThat(registration.path("url").asString()).endsWith("/webhooks/telegram/" + telegram.channelId());
        assertThat(registration.path("secret_token").asString()).matches("[A-Za-z0-9_-]{32,256}");
        assertThat(registration.path("allowed_updates").toString())
                .isEqualTo("[\"message\",\"edited_message\",\"callback_query\",\"my_chat_member\"]");
        assertThat(telegram.connectResponse().text("webhookUrl")).endsWith(telegram.webhookPath());
        assertThat(telegram.connectResponse().json().path("botUsername").asString())
                .isEqualTo(telegram.bot().username());
        Api.Response listed = api.get("/api/v1/chatbots/" + telegram.chatbotId() + "/channels");
        assertThat(listed.body())
                .doesNotContain(telegram.bot().token())
                .doesNotContain(telegram.secret())
                .contains("\"botTokenSet\":true");
        byte[] sealed = jdbc.sql("select bot_token from telegram_channels where channel_account_id = :id::uuid")
                .param("id", telegram.channelId())
                .query(byte[].class)
                .single();
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(telegram.bot().token());
    }

    @Test
    void should_answer_401_and_store_nothing_when_the_secret_header_is_missing_or_wrong() {
        String update = TelegramFake.text(nextUpdate(), user, 1, "Hello");

        Api.Response missing = api.post(telegram.webhookPath(), update);
        Api.Response wrong =
                api.post(telegram.webhookPath(), update, "X-Telegram-Bot-Api-Secret-Token", telegram.secret() + "x");
        Api.Response otherChannel = api.post(
                "/webhooks/telegram/" + UUID.randomUUID(),
                update,
                "X-Telegram-Bot-Api-Secret-Token",
                telegram.secret());

        assertThat(List.of(missing.status(), wrong.status(), otherChannel.status()))
                .containsOnly(401);
        assertThat(storedUpdates()).isZero();
        assertThat(conversation()).isEmpty();
    }

    @Test
    void should_store_one_message_when_telegram_delivers_an_update_id_twice() {
        llm.replies("We open at nine.");
        long updateId = nextUpdate();

        Api.Response first = telegram.deliver(api, TelegramFake.text(updateId, user, 7, "When do you open?"));
        Api.Response again = telegram.deliver(api, TelegramFake.text(updateId, user, 7, "When do you open?"));

        assertThat(List.of(first.status(), again.status())).containsOnly(200);
        assertThat(storedUpdates()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(15)).until(() -> sentTexts().contains("We open at nine."));
        assertThat(userMessages()).containsExactly("When do you open?");
        assertThat(sentTexts()).containsOnlyOnce("We open at nine.");
        assertThat(TelegramFake.calls(telegram.bot(), "sendChatAction"))
                .as("typing shown while the bot answers")
                .anySatisfy(body -> {
                    assertThat(body.path("chat_id").asLong()).isEqualTo(user);
                    assertThat(body.path("action").asString()).isEqualTo("typing");
                });
    }

    @Test
    void should_answer_a_button_press_and_take_its_data_as_the_contacts_answer() {
        llm.replies("Booked.");
        long updateId = nextUpdate();

        Api.Response ack = telegram.deliver(api, TelegramFake.buttonPress(updateId, user, 12, "slot_9am", "9:00"));

        assertThat(ack.status()).isEqualTo(200);
        assertThat(TelegramFake.calls(telegram.bot(), "answerCallbackQuery"))
                .extracting(body -> body.path("callback_query_id").asString())
                .containsExactly("cq" + updateId);
        JsonNode message = messages().stream()
                .filter(m -> m.path("role").asString().equals("user"))
                .findFirst()
                .orElseThrow();
        assertThat(message.path("content").asString()).isEqualTo("9:00");
        assertThat(message.toString()).contains("slot_9am");
        await().atMost(Duration.ofSeconds(15)).until(() -> sentTexts().contains("Booked."));
    }

    @Test
    void should_send_buttons_as_an_inline_keyboard_with_callback_data_of_at_most_64_bytes() {
        llm.replies("Pick one");
        telegram.deliver(api, TelegramFake.text(nextUpdate(), user, 1, "Hi"));
        await().atMost(Duration.ofSeconds(15)).until(() -> sentTexts().contains("Pick one"));
        String conversation = conversation().orElseThrow().path("id").asString();
        String longId = "x".repeat(80);

        Api.Response sent = api.post("/api/v1/conversations/" + conversation + "/messages", """
                {"interactive": {"type": "button", "body": "Which day?", "buttons": [
                  {"id": "monday", "title": "Monday"}, {"id": "%s", "title": "Later"}]}}""".formatted(longId));

        assertThat(sent.status()).as(sent.body()).isBetween(200, 202);
        JsonNode keyboard = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> TelegramFake.calls(telegram.bot(), "sendMessage").stream()
                                .filter(body -> body.has("reply_markup"))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow()
                .path("reply_markup")
                .path("inline_keyboard");
        assertThat(keyboard.get(0).get(0).path("text").asString()).isEqualTo("Monday");
        assertThat(keyboard.get(0).get(0).path("callback_data").asString()).isEqualTo("monday");
        assertThat(keyboard.get(1).get(0).path("callback_data").asString()).isEqualTo("#1");
    }

    @Test
    void should_mark_the_contact_unreachable_and_dead_letter_the_reply_when_telegram_says_the_bot_was_blocked() {
        llm.replies("This will not arrive");
        TelegramFake.answer(
                telegram.bot(), "sendMessage", TelegramFake.error(403, "Forbidden: bot was blocked by the user", null));

        telegram.deliver(api, TelegramFake.text(nextUpdate(), user, 1, "Hello?"));

        await().atMost(Duration.ofSeconds(15)).until(() -> deadLetters() == 1);
        assertThat(blocked()).isTrue();
        time.advance(PAST_EVERY_RETRY);
        assertThat(TelegramFake.calls(telegram.bot(), "sendMessage"))
                .as("never retried")
                .hasSize(1);
        assertThat(deadLetters()).isEqualTo(1);
        JsonNode last = messages().getLast();
        assertThat(last.path("delivery").path("status").asString()).isEqualTo("failed");
    }

    @Test
    void should_refuse_sends_to_a_chat_that_blocked_the_bot_until_it_writes_again() {
        llm.replies("First answer");
        telegram.deliver(api, TelegramFake.text(nextUpdate(), user, 1, "Hi"));
        await().atMost(Duration.ofSeconds(15)).until(() -> sentTexts().contains("First answer"));

        telegram.deliver(api, TelegramFake.blocked(nextUpdate(), user));
        assertThat(blocked()).isTrue();
        String conversation = conversation().orElseThrow().path("id").asString();
        api.post("/api/v1/conversations/" + conversation + "/messages", "{\"text\": \"Are you there?\"}");
        await().atMost(Duration.ofSeconds(15)).until(() -> deadLetters() == 1);
        assertThat(sentTexts()).doesNotContain("Are you there?");

        llm.replies("Second answer");
        telegram.deliver(api, TelegramFake.text(nextUpdate(), user, 2, "I'm back"));
        assertThat(blocked()).isFalse();
        await().atMost(Duration.ofSeconds(15)).until(() -> sentTexts().contains("Second answer"));
    }

    @Test
    void should_store_an_edit_without_starting_a_turn() {
        llm.replies("Hello!");
        telegram.deliver(api, TelegramFake.text(nextUpdate(), user, 3, "Helo"));
        await().atMost(Duration.ofSeconds(15)).until(() -> sentTexts().contains("Hello!"));
        String edit = TelegramFake.text(nextUpdate(), user, 3, "Hello")
                .replace("\"message\":", "\"edited_message\":")
                .replace("\"text\":", "\"edit_date\": 1765000100, \"text\":");

        Api.Response ack = telegram.deliver(api, edit);

        assertThat(ack.status()).isEqualTo(200);
        List<JsonNode> users = messages().stream()
                .filter(m -> m.path("role").asString().equals("user"))
                .toList();
        assertThat(users).extracting(m -> m.path("content").asString()).containsExactly("Helo", "Hello");
        assertThat(users.getLast().path("type").asString()).isEqualTo("edit");
        time.advance(PAST_EVERY_RETRY);
        assertThat(sentTexts()).containsExactly("Hello!");
    }

    @Test
    void should_store_the_largest_photo_size_through_the_media_library() {
        Fakes.wiremock()
                .stubFor(
                        get(urlPathEqualTo("/telegram/file/bot" + telegram.bot().token() + "/photos/f.jpg"))
                                .willReturn(aResponse()
                                        .withHeader("Content-Type", "image/jpeg")
                                        .withBody(new byte[] {1, 2, 3})));
        String photo = """
                {"update_id": %d, "message": {"message_id": 5, "date": 1765000000,
                 "from": {"id": %d, "is_bot": false, "first_name": "Ana"}, "chat": {"id": %d, "type": "private"},
                 "caption": "My cat", "photo": [{"file_id": "small", "file_unique_id": "s", "width": 90, "height": 90},
                  {"file_id": "large", "file_unique_id": "l", "width": 1280, "height": 1280}]}}""".formatted(nextUpdate(), user, user);

        assertThat(telegram.deliver(api, photo).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> jdbc.sql("""
                                        select status from media_objects
                                        where channel_account_id = :id::uuid and provider_media_id = 'large'""")
                                .param("id", telegram.channelId())
                                .query(String.class)
                                .optional(),
                        status -> status.equals(Optional.of("stored")));
        assertThat(TelegramFake.calls(telegram.bot(), "getFile"))
                .extracting(body -> body.path("file_id").asString())
                .containsExactly("large");
        assertThat(userMessages()).containsExactly("My cat");
    }

    @Test
    void should_treat_start_without_a_code_as_a_first_message() {
        llm.replies("Welcome!");

        telegram.deliver(api, TelegramFake.text(nextUpdate(), user, 1, "/start"));

        await().atMost(Duration.ofSeconds(15)).until(() -> sentTexts().contains("Welcome!"));
        assertThat(userMessages()).containsExactly("/start");
    }

    @Test
    void should_acknowledge_an_update_it_does_not_read_and_refuse_a_body_that_is_no_update() {
        Api.Response unknown =
                telegram.deliver(api, "{\"update_id\": " + nextUpdate() + ", \"poll\": {\"id\": \"1\"}}");
        Api.Response noUpdate = telegram.deliver(api, "{\"message\": {}}");
        Api.Response notJson = telegram.deliver(api, "update?");
        Api.Response odd = telegram.deliver(
                api, "{\"update_id\": " + nextUpdate() + ", \"message\": {\"chat\": \"nope\", \"text\": 5}}");

        assertThat(unknown.status()).isEqualTo(200);
        assertThat(odd.status()).isEqualTo(200);
        assertThat(noUpdate.status()).isEqualTo(400);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(noUpdate.json().path("code").asString()).isEqualTo("malformed_webhook");
    }

    @Test
    void should_refuse_a_token_telegram_does_not_know_with_a_400() {
        ChannelContract.NewChatbot chatbot = ChannelContract.newChatbot(api, llm);
        TelegramFake.Bot revoked = TelegramFake.newBot();
        TelegramFake.answer(revoked, "getMe", TelegramFake.error(401, "Unauthorized", null));

        Api.Response refused = api.post(
                "/api/v1/chatbots/" + chatbot.chatbotId() + "/channels",
                "{\"type\": \"telegram\", \"botToken\": \"" + revoked.token() + "\"}");
        Api.Response malformed = api.post(
                "/api/v1/chatbots/" + chatbot.chatbotId() + "/channels",
                "{\"type\": \"telegram\", \"botToken\": \"not a token\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("code").asString()).isEqualTo("telegram_token_invalid");
        assertThat(refused.body()).doesNotContain(revoked.token());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("code").asString()).isEqualTo("telegram_token_invalid");
        assertThat(TelegramFake.calls(revoked, "setWebhook")).isEmpty();
    }

    @Test
    void should_answer_422_without_a_trace_of_the_token_when_telegram_cannot_be_reached() {
        ChannelContract.NewChatbot chatbot = ChannelContract.newChatbot(api, llm);
        TelegramFake.Bot bot = TelegramFake.newBot();
        TelegramFake.answer(bot, "getMe", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        Api.Response refused = api.post(
                "/api/v1/chatbots/" + chatbot.chatbotId() + "/channels",
                "{\"type\": \"telegram\", \"botToken\": \"" + bot.token() + "\"}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().path("code").asString()).isEqualTo("telegram_unavailable");
        assertThat(refused.body()).doesNotContain(bot.token());
    }

    @Test
    void should_delete_the_webhook_when_the_channel_is_removed_and_not_find_it_from_another_tenant() {
        ChannelContract.NewChatbot other = ChannelContract.newChatbot(api, LlmFake.create());

        Api.Response foreign =
                api.delete("/api/v1/chatbots/" + other.chatbotId() + "/channels/" + telegram.channelId());
        Api.Response removed =
                api.delete("/api/v1/chatbots/" + telegram.chatbotId() + "/channels/" + telegram.channelId());

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(removed.status()).isEqualTo(204);
        assertThat(TelegramFake.calls(telegram.bot(), "deleteWebhook")).hasSize(1);
        assertThat(telegram.deliver(api, TelegramFake.text(nextUpdate(), user, 1, "Hi"))
                        .status())
                .isEqualTo(401);
    }

    @Test
    void should_reach_staff_through_the_organizations_bot_with_markdown_v2() {
        StaffChannel channel = staffChannels.stream()
                .filter(c -> c.name().equals("telegram"))
                .findFirst()
                .orElseThrow();
        OrganizationId organization = new OrganizationId(UUID.fromString(telegram.organizationId()));

        StaffLink link = channel.linkFor(organization, "code_123").orElseThrow();
        String text = "*Handover* for " + channel.escape("Ana (VIP).");
        SendOutcome sent = channel.send(new StaffDelivery(
                UUID.randomUUID(),
                organization,
                null,
                Long.toString(user),
                link.via(),
                RenderedNotification.text(text)));
        TelegramFake.answer(
                telegram.bot(), "sendMessage", TelegramFake.error(403, "Forbidden: bot was blocked by the user", null));
        SendOutcome refused = channel.send(new StaffDelivery(
                UUID.randomUUID(),
                organization,
                null,
                Long.toString(user),
                link.via(),
                RenderedNotification.text("x")));

        assertThat(link.url()).isEqualTo("https://t.me/" + telegram.bot().username() + "?start=code_123");
        assertThat(link.via().value().toString()).isEqualTo(telegram.channelId());
        assertThat(sent).isInstanceOf(SendOutcome.Sent.class);
        JsonNode body = TelegramFake.calls(telegram.bot(), "sendMessage").getFirst();
        assertThat(body.path("text").asString()).isEqualTo("*Handover* for Ana \\(VIP\\)\\.");
        assertThat(body.path("parse_mode").asString()).isEqualTo("MarkdownV2");
        assertThat(refused)
                .isInstanceOfSatisfying(
                        SendOutcome.Rejected.class, r -> assertThat(r.alert()).isFalse());
        assertThat(channel.linkFor(new OrganizationId(UUID.randomUUID()), "code_123"))
                .isEmpty();
    }

    @Test
    void should_rotate_the_token_of_the_same_bot_and_refuse_another_bots() {
        TelegramFake.Bot rotated = TelegramFake.newToken(telegram.bot());
        TelegramFake.Bot stranger = TelegramFake.newBot();
        String path = "/api/v1/chatbots/" + telegram.chatbotId() + "/channels/" + telegram.channelId();

        Api.Response refused = api.patch(path, "{\"botToken\": \"" + stranger.token() + "\"}");
        Api.Response changed = api.patch(path, "{\"botToken\": \"" + rotated.token() + "\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("code").asString()).isEqualTo("telegram_token_invalid");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.body()).doesNotContain(rotated.token());
        assertThat(TelegramFake.webhookSecret(rotated)).as("same secret").isEqualTo(telegram.secret());
        llm.replies("Rotated.");
        telegram.deliver(api, TelegramFake.text(nextUpdate(), user, 1, "Hi"));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> TelegramFake.calls(rotated, "sendMessage").size() == 1);
        assertThat(TelegramFake.calls(telegram.bot(), "sendMessage")).isEmpty();
    }

    private long nextUpdate() {
        return UPDATE_IDS.incrementAndGet();
    }

    private int storedUpdates() {
        return jdbc.sql("select count(*) from telegram_updates where channel_account_id = :id::uuid")
                .param("id", telegram.channelId())
                .query(Integer.class)
                .single();
    }

    private int deadLetters() {
        return jdbc.sql("select count(*) from dead_letters where channel_account_id = :id::uuid")
                .param("id", telegram.channelId())
                .query(Integer.class)
                .single();
    }

    private boolean blocked() {
        return jdbc.sql("""
                        select exists (select 1 from telegram_blocked_chats
                                       where channel_account_id = :id::uuid and chat_id = :chat)""")
                .param("id", telegram.channelId())
                .param("chat", user)
                .query(Boolean.class)
                .single();
    }

    private Optional<JsonNode> conversation() {
        return ChannelContract.conversationOf(api, telegram.chatbotId(), Long.toString(user));
    }

    private List<JsonNode> messages() {
        JsonNode conversation = await().atMost(Duration.ofSeconds(10))
                .until(this::conversation, Optional::isPresent)
                .orElseThrow();
        List<JsonNode> messages = new ArrayList<>();
        api.get("/api/v1/conversations/" + conversation.path("id").asString() + "/messages")
                .json()
                .forEach(messages::add);
        return messages;
    }

    private List<String> userMessages() {
        return messages().stream()
                .filter(m -> m.path("role").asString().equals("user"))
                .map(m -> m.path("content").asString())
                .toList();
    }

    private List<String> sentTexts() {
        return TelegramFake.calls(telegram.bot(), "sendMessage").stream()
                .filter(body -> body.path("chat_id").asString().equals(Long.toString(user)))
                .map(body -> MarkdownV2.unescape(body.path("text").asString()))
                .toList();
    }
}
