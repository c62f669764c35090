package io.parley.channels.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.LlmFake;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A member of staff links their Telegram chat with the organization's bot and is notified there (issue 17 §5, §6):
 * the link code from the API arrives at the bot as {@code /start <code>}, is answered by the bot instead of the
 * chatbot, and the owner's test notification then reaches that chat through the Bot API, with its delivery time.
 */
class TelegramStaffLinkIntegrationTest extends IntegrationTestSupport {
    private static final AtomicLong UPDATES = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private LlmFake llm;
    private TelegramConnection telegram;
    private String staffId;

    @BeforeEach
    void aBotAndAMemberOfStaff() {
        llm = LlmFake.create();
        telegram = TelegramConnection.connect(api, llm);
        Api.Response user = api.post(
                "/api/v1/organizations/" + telegram.organizationId() + "/users", """
                {"email": "ana-%s@acme.test", "name": "Ana", "role": "admin",
                 "password": "correct horse battery staple"}""".formatted(UUID.randomUUID()));
        assertThat(user.status()).as(user.body()).isEqualTo(201);
        staffId = user.text("id");
    }

    @Test
    void should_link_a_staff_chat_by_start_code_and_deliver_the_test_notification_there() {
        long chat = TelegramConnection.newUserId();
        Api.Response link = api.post(contactPoints() + "/telegram/link", "");
        assertThat(link.status()).as(link.body()).isEqualTo(201);
        String code = link.text("code");
        assertThat(link.text("url")).isEqualTo("https://t.me/" + telegram.bot().username() + "?start=" + code);

        assertThat(start(chat, code).status()).isEqualTo(200);

        JsonNode reply = awaitSend(chat, 1);
        assertThat(reply.path("text").asString()).isNotBlank();
        assertThat(llm.requests())
                .as("the code is answered by Parley, not by the chatbot")
                .isEmpty();
        assertThat(addresses()).contains(Long.toString(chat));

        Api.Response test = api.post(
                "/api/v1/organizations/" + telegram.organizationId() + "/messaging/test",
                "{\"staffUserId\": \"" + staffId + "\", \"channel\": \"telegram\"}");
        assertThat(test.status()).as(test.body()).isEqualTo(202);
        String deliveryId = test.text("deliveryId");
        time.runDue();

        JsonNode notification = awaitSend(chat, 2);
        assertThat(notification.path("parse_mode").asString()).isEqualTo("MarkdownV2");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            time.runDue();
            JsonNode status = api.get(
                            "/api/v1/organizations/" + telegram.organizationId() + "/messaging/test/" + deliveryId)
                    .json();
            assertThat(status.path("status").asString()).isEqualTo("sent");
            assertThat(status.path("channel").asString()).isEqualTo("telegram");
            assertThat(status.path("deliveryTimeMs").isNumber()).isTrue();
        });
    }

    @Test
    void should_refuse_a_used_code_with_the_same_neutral_answer_as_an_unknown_one() {
        long chat = TelegramConnection.newUserId();
        String code = api.post(contactPoints() + "/telegram/link", "").text("code");
        start(chat, code);
        String linked = awaitSend(chat, 1).path("text").asString();

        long stranger = TelegramConnection.newUserId();
        start(stranger, code);
        start(stranger, "not-a-code-" + UUID.randomUUID());

        String used = awaitSend(stranger, 1).path("text").asString();
        String unknown = awaitSend(stranger, 2).path("text").asString();
        assertThat(used).isEqualTo(unknown).isNotEqualTo(linked);
        assertThat(addresses()).contains(Long.toString(chat)).doesNotContain(Long.toString(stranger));
        assertThat(llm.requests()).isEmpty();
    }

    private Api.Response start(long chat, String code) {
        return telegram.deliver(
                api, TelegramFake.text(UPDATES.incrementAndGet(), chat, UPDATES.incrementAndGet(), "/start " + code));
    }

    /** The {@code n}th message the bot sent to {@code chat} (1-based), once it was sent. */
    private JsonNode awaitSend(long chat, int n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            time.runDue();
            return sends(chat).size() >= n;
        });
        return sends(chat).get(n - 1);
    }

    private java.util.List<JsonNode> sends(long chat) {
        return TelegramFake.calls(telegram.bot(), "sendMessage").stream()
                .filter(call -> call.path("chat_id").asString().equals(Long.toString(chat))
                        || call.path("chat_id").asLong() == chat)
                .toList();
    }

    private java.util.List<String> addresses() {
        java.util.List<String> addresses = new java.util.ArrayList<>();
        api.get(contactPoints())
                .json()
                .forEach(point -> addresses.add(point.path("address").asString()));
        return addresses;
    }

    private String contactPoints() {
        return "/api/v1/organizations/" + telegram.organizationId() + "/staff/" + staffId + "/contact-points";
    }
}
