package io.parley.conversation;

import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.Webhooks;
import io.parley.testing.WhatsAppChat;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A paused chatbot or organization (issue 12, item 8): messages are stored and not answered, one {@code turn.paused}
 * event per burst says why, and after resuming only messages that arrived since are answered (ADR 33).
 */
class PausedChatbotIntegrationTest extends IntegrationTestSupport {
    private static final String FAQ =
            "[{\"question\": \"What are your opening hours?\", \"answer\": \"Nine to five.\"}]";

    @Test
    void should_store_a_burst_without_answering_and_record_one_event_when_the_chatbot_is_paused() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        Api.Response paused = api.patch("/api/v1/chatbots/" + bot.chatbotId(), "{\"active\": false}");
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        assertThat(paused.json().path("active").asBoolean()).isFalse();
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        burst(bot, chat, "Hello?", "Anyone there?", "What are your opening hours?");

        JsonNode event = awaitPausedEvents(bot, 1).getFirst();
        assertThat(event.path("payload").path("reason").asString()).isEqualTo("chatbot_paused");
        assertThat(event.path("payload").path("messages").asInt()).isEqualTo(3);
        assertThat(event.path("chatbotId").asString()).isEqualTo(bot.chatbotId());
        assertThat(roles(chat)).containsExactly("user", "user", "user");
        assertThat(GraphFake.sends(bot.phoneNumberId())).isEmpty();
        assertThat(turnReasons(chat)).containsExactly("chatbot_paused");
        assertThat(api.get("/api/v1/chatbots/" + bot.chatbotId())
                        .json()
                        .path("active")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void should_answer_only_messages_that_arrive_after_it_was_resumed_when_the_chatbot_is_resumed() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        api.patch("/api/v1/chatbots/" + bot.chatbotId(), "{\"active\": false}");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("What are your opening hours?");
        awaitPausedEvents(bot, 1);

        Api.Response resumed = api.patch("/api/v1/chatbots/" + bot.chatbotId(), "{\"active\": true}");
        assertThat(resumed.json().path("active").asBoolean()).isTrue();
        // A message that came in while paused but whose turn had not run yet when the bot was resumed.
        receivedWhilePaused(bot, chat.conversationId(), "Are you open on Sunday?");
        chat.says("What are your opening hours?");

        assertThat(chat.awaitReceived(1)).containsExactly("Nine to five.");
        List<JsonNode> events = awaitPausedEvents(bot, 2);
        assertThat(events)
                .extracting(e -> e.path("payload").path("reason").asString())
                .containsExactlyInAnyOrder("chatbot_paused", "received_while_paused");
        assertThat(roles(chat)).containsExactly("user", "user", "user", "assistant");
        assertThat(chat.received()).hasSize(1);
    }

    @Test
    void should_answer_no_chatbot_of_it_and_let_only_the_operator_switch_it_when_the_organization_is_paused() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        String org = "/api/v1/organizations/" + bot.organizationId();
        String adminKey = api.post(org + "/api-keys", "{\"name\": \"admin\", \"role\": \"admin\"}")
                .text("key");
        assertProblem(api.withToken(adminKey).patch(org, "{\"active\": false}"), 403, "forbidden");

        Api.Response paused = api.patch(org, "{\"active\": false}");
        assertThat(paused.status()).as(paused.body()).isEqualTo(200);
        assertThat(paused.json().path("active").asBoolean()).isFalse();
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("What are your opening hours?");

        assertThat(awaitPausedEvents(bot, 1)
                        .getFirst()
                        .path("payload")
                        .path("reason")
                        .asString())
                .isEqualTo("organization_paused");
        assertThat(GraphFake.sends(bot.phoneNumberId())).isEmpty();
        assertProblem(api.withToken(adminKey).patch(org, "{\"active\": true}"), 403, "forbidden");

        assertThat(api.patch(org, "{\"active\": true}").json().path("active").asBoolean())
                .isTrue();
        chat.says("What are your opening hours?");
        assertThat(chat.awaitReceived(1)).containsExactly("Nine to five.");
    }

    @Test
    void should_refuse_with_a_field_error_when_active_is_not_a_boolean() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);

        JsonNode problem = assertProblem(
                api.patch("/api/v1/chatbots/" + bot.chatbotId(), "{\"active\": \"no\"}"), 400, "validation_failed");

        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("active");
        assertThat(api.get("/api/v1/chatbots/" + bot.chatbotId())
                        .json()
                        .path("active")
                        .asBoolean())
                .isTrue();
    }

    /** Several messages in one webhook, as Meta batches them: one burst, one turn. */
    private void burst(Tenants.WhatsAppBot bot, WhatsAppChat chat, String... texts) {
        String[] payloads = new String[texts.length];
        for (int i = 0; i < texts.length; i++) {
            payloads[i] =
                    WhatsAppPayloads.text(bot.phoneNumberId(), chat.waId(), WhatsAppPayloads.newWamid(), texts[i]);
        }
        assertThat(Webhooks.post(api, WhatsAppPayloads.inOneChange(payloads), bot.appSecret())
                        .status())
                .isEqualTo(200);
    }

    private void receivedWhilePaused(Tenants.WhatsAppBot bot, String conversationId, String text) {
        jdbc.sql("""
                        insert into messages (id, organization_id, conversation_id, role, type, content, needs_reply,
                                              created_at)
                        select :id, organization_id, :conversation, 'user', 'text', :text, true, :at
                        from chatbots where id = :bot""")
                .param("id", UUID.randomUUID())
                .param("conversation", UUID.fromString(conversationId))
                .param("text", text)
                .param("bot", UUID.fromString(bot.chatbotId()))
                .param(
                        "at",
                        Timestamp.from(jdbc.sql("select resumed_at from chatbots where id = :bot")
                                .param("bot", UUID.fromString(bot.chatbotId()))
                                .query(Timestamp.class)
                                .single()
                                .toInstant()
                                .minusSeconds(1)))
                .update();
    }

    private List<JsonNode> awaitPausedEvents(Tenants.WhatsAppBot bot, int count) {
        await().atMost(Duration.ofSeconds(15)).until(() -> pausedEvents(bot).size() >= count);
        return pausedEvents(bot);
    }

    private List<JsonNode> pausedEvents(Tenants.WhatsAppBot bot) {
        JsonNode events = api.get("/api/v1/organizations/" + bot.organizationId() + "/events?type=turn.paused")
                .json();
        return StreamSupport.stream(events.spliterator(), false).toList();
    }

    private List<String> roles(WhatsAppChat chat) {
        return StreamSupport.stream(chat.messages().spliterator(), false)
                .map(m -> m.path("role").asString())
                .toList();
    }

    private List<String> turnReasons(WhatsAppChat chat) {
        return jdbc.sql("select fallback_reason from turns where conversation_id = :id order by started_at")
                .param("id", UUID.fromString(chat.conversationId()))
                .query(String.class)
                .list();
    }
}
