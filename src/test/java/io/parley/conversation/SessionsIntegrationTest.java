package io.parley.conversation;

import static io.parley.testing.ApiProblems.assertInvalidField;
import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.contacts.ContactIdentity;
import io.parley.platform.ChatbotId;
import io.parley.tenancy.ChannelAccount;
import io.parley.tenancy.ChannelAccounts;
import io.parley.testing.Api;
import io.parley.testing.LlmFake;
import io.parley.testing.LlmRequests;
import io.parley.testing.LlmRequests.Line;
import io.parley.testing.Tenants;
import io.parley.testing.TimeTestSupport;
import io.parley.testing.WhatsAppChat;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Sessions (ADR 32): a message after the chatbot's session timeout, or one that asks for it, starts a new session,
 * and the model sees the current session only. Time stands still until the test moves it (db-scheduler too).
 */
class SessionsIntegrationTest extends TimeTestSupport {
    @Autowired
    Conversations conversations;

    @Autowired
    ChannelAccounts channelAccounts;

    @Test
    void should_start_a_new_session_the_model_sees_alone_when_a_message_arrives_after_the_timeout() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        assertThat(api.put("/api/v1/prices", """
                {"provider": "openai", "model": "gpt-4o-mini", "inputPer1k": 0.15, "outputPer1k": 0.6}""").status()).isEqualTo(200);
        assertThat(api.patch("/api/v1/chatbots/" + bot.chatbotId(), "{\"sessionTimeout\": \"PT30M\"}")
                        .text("sessionTimeout"))
                .isEqualTo("PT30M");
        bot.llm().repliesInSequence(LlmFake.ok("Nice to meet you, Beatriz."), LlmFake.ok("I do not know it yet."));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("My name is Beatriz");
        time.advance(DEBOUNCE);
        chat.awaitReceived(1);

        time.advance(Duration.ofMinutes(31));
        chat.says("What is my name?");
        time.advance(DEBOUNCE);

        chat.awaitReceived(2);
        List<Line> seen = LlmRequests.messages(bot.llm().requests().get(1));
        assertThat(seen).extracting(Line::role).containsExactly("system", "user");
        assertThat(seen.getLast()).isEqualTo(new Line("user", "What is my name?"));
        assertThat(seen).extracting(Line::text).noneMatch(text -> text.contains("Beatriz"));
        JsonNode sessions = sessions(chat.conversationId());
        assertThat(sessions).hasSize(2);
        JsonNode first = sessions.get(0);
        assertThat(first.path("endReason").asString()).isEqualTo("timeout");
        assertThat(first.path("current").asBoolean()).isFalse();
        for (JsonNode session : sessions) {
            assertThat(session.path("messages").asLong()).as(session.toString()).isEqualTo(2);
            assertThat(session.path("tokensIn").asLong()).isEqualTo(42);
            assertThat(session.path("tokensOut").asLong()).isEqualTo(7);
            assertThat(session.path("cost").decimalValue()).isEqualByComparingTo(new BigDecimal("0.0105"));
        }
        assertThat(sessionIdsOfMessages(chat))
                .containsExactly(
                        first.path("id").asString(),
                        first.path("id").asString(),
                        sessions.get(1).path("id").asString(),
                        sessions.get(1).path("id").asString());
        JsonNode turns = api.get("/api/v1/conversations/" + chat.conversationId() + "/turns")
                .json();
        assertThat(turns.findValuesAsString("sessionId"))
                .containsExactly(
                        first.path("id").asString(), sessions.get(1).path("id").asString());
    }

    @Test
    void should_keep_one_session_whatever_the_gap_when_the_timeout_is_zero() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        assertThat(api.patch("/api/v1/chatbots/" + bot.chatbotId(), "{\"sessionTimeout\": \"PT0S\"}")
                        .text("sessionTimeout"))
                .isEqualTo("PT0S");
        bot.llm().repliesInSequence(LlmFake.ok("Nice to meet you, Beatriz."), LlmFake.ok("Your name is Beatriz."));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("My name is Beatriz");
        time.advance(DEBOUNCE);
        chat.awaitReceived(1);

        time.advance(Duration.ofMinutes(3));
        chat.says("What is my name?");
        time.advance(DEBOUNCE);
        chat.awaitReceived(2);
        // Two hours on, past even the default timeout: the message is placed when it is received, turn or not.
        time.advance(Duration.ofHours(2));
        chat.says("Still there?");

        assertThat(LlmRequests.messages(bot.llm().requests().get(1)))
                .extracting(Line::text)
                .contains("My name is Beatriz", "Nice to meet you, Beatriz.", "What is my name?");
        JsonNode sessions = sessions(chat.conversationId());
        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0).path("current").asBoolean()).isTrue();
        assertThat(sessions.get(0).path("messages").asLong()).isEqualTo(5);
        assertThat(sessions.get(0).has("endedAt")).isFalse();
    }

    @Test
    void should_start_a_new_session_when_the_message_asks_for_one() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().repliesInSequence(LlmFake.ok("Order 4411 ships tomorrow."), LlmFake.ok("How can I help?"));
        ChannelAccount webchat = channelAccounts.builtIn(
                new ChatbotId(UUID.fromString(bot.chatbotId())), io.parley.platform.channel.ChannelType.WEBCHAT);
        String visitor = "visitor-" + UUID.randomUUID();
        Api.Response accepted =
                api.post("/api/v1/chatbots/" + bot.chatbotId() + "/webchat/messages", """
                {"sessionId": "%s", "text": "Where is order 4411?"}""".formatted(visitor));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        String conversation = accepted.text("conversationId");
        time.advance(DEBOUNCE);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> api.get("/api/v1/conversations/" + conversation + "/messages")
                        .json()
                        .findValuesAsString("role")
                        .contains("assistant"));

        Receipt receipt = conversations.receive(new InboundMessage(
                webchat.organizationId(),
                webchat.chatbotId(),
                webchat.id(),
                io.parley.platform.channel.ChannelType.WEBCHAT,
                visitor + ":fresh",
                List.of(new ContactIdentity(ContactIdentity.WEBCHAT, visitor)),
                null,
                "text",
                "Something else",
                Map.of(),
                null,
                null,
                true,
                true));
        time.advance(DEBOUNCE);

        await().atMost(Duration.ofSeconds(15)).until(() -> bot.llm().requests().size() == 2);
        List<Line> seen = LlmRequests.messages(bot.llm().requests().get(1));
        assertThat(seen).extracting(Line::role).containsExactly("system", "user");
        assertThat(seen.getLast().text()).isEqualTo("Something else");
        assertThat(seen).extracting(Line::text).noneMatch(text -> text.contains("4411"));
        assertThat(receipt.conversationId().toString()).isEqualTo(conversation);
        JsonNode sessions = sessions(conversation);
        assertThat(sessions).hasSize(2);
        assertThat(sessions.get(0).path("endReason").asString()).isEqualTo("new_session");
        assertThat(sessions.get(1).path("id").asString())
                .isEqualTo(receipt.sessionId().toString());
        assertThat(sessions.get(1).path("current").asBoolean()).isTrue();
    }

    @Test
    void should_not_show_a_conversations_sessions_or_turns_to_another_organization() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        WhatsAppChat chat = answered(bot);
        String other = Tenants.organization(api, "Other " + UUID.randomUUID());
        Api otherKey = api.withToken(
                api.post("/api/v1/organizations/" + other + "/api-keys", "{\"name\": \"other\", \"role\": \"agent\"}")
                        .text("key"));
        Api ownKey = api.withToken(api.post(
                        "/api/v1/organizations/" + bot.organizationId() + "/api-keys",
                        "{\"name\": \"own\", \"role\": \"agent\"}")
                .text("key"));
        String path = "/api/v1/conversations/" + chat.conversationId();

        assertProblem(otherKey.get(path + "/sessions"), 404, "conversation_not_found");
        assertProblem(otherKey.get(path + "/turns"), 404, "conversation_not_found");
        assertThat(ownKey.get(path + "/sessions").json()).hasSize(1);
        assertThat(ownKey.get(path + "/turns").json()).hasSize(1);
        assertProblem(
                api.get("/api/v1/conversations/" + UUID.randomUUID() + "/sessions"), 404, "conversation_not_found");
    }

    @Test
    void should_default_to_an_hour_and_reject_a_session_timeout_that_is_not_a_duration() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        String path = "/api/v1/chatbots/" + bot.chatbotId();
        assertThat(api.get(path).text("sessionTimeout")).isEqualTo("PT1H");

        assertInvalidField(api.patch(path, "{\"sessionTimeout\": \"2 hours\"}"), "sessionTimeout");
        assertInvalidField(api.patch(path, "{\"sessionTimeout\": \"-PT5M\"}"), "sessionTimeout");
        assertInvalidField(api.patch(path, "{\"sessionTimeout\": \"P400D\"}"), "sessionTimeout");
        assertInvalidField(api.patch(path, "{\"sessionTimeout\": 120}"), "sessionTimeout");
        assertThat(api.patch(path, "{\"sessionTimeout\": \"PT90M\"}").text("sessionTimeout"))
                .isEqualTo("PT1H30M");
        assertThat(api.patch(path, "{\"sessionTimeout\": null}").text("sessionTimeout"))
                .isEqualTo("PT1H");
        Api.Response created = api.post("/api/v1/organizations/" + bot.organizationId() + "/chatbots", """
                {"name": "Short visits", "systemPrompt": "Be brief.", "sessionTimeout": "PT2S"}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.text("sessionTimeout")).isEqualTo("PT2S");
    }

    private JsonNode sessions(String conversationId) {
        Api.Response response = api.get("/api/v1/conversations/" + conversationId + "/sessions");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static List<String> sessionIdsOfMessages(WhatsAppChat chat) {
        return StreamSupport.stream(chat.messages().spliterator(), false)
                .map(message -> message.path("sessionId").asString())
                .toList();
    }
}
