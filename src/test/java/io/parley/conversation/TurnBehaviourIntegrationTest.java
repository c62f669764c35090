package io.parley.conversation;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.testing.Api;
import io.parley.testing.Fakes;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.LlmFake;
import io.parley.testing.LlmRequests;
import io.parley.testing.LlmRequests.Line;
import io.parley.testing.Rows;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What one turn does besides replying: FAQ answers, usage, human ownership, typing, the reaper, history. */
class TurnBehaviourIntegrationTest extends IntegrationTestSupport {
    private static final String HOURS_FAQ = """
            [{"question": "What are your opening hours?", "answer": "We are open from 9 to 18, Monday to Saturday."}]""";

    private Rows rows;

    @BeforeEach
    void setUp() {
        rows = new Rows(jdbc);
    }

    @Test
    void should_reply_with_the_faq_answer_when_an_offline_bot_gets_a_matching_question() {
        WhatsAppChat chat = WhatsAppChat.start(api, Tenants.offlineBot(api, HOURS_FAQ));

        chat.says("What are your opening hours?");

        assertThat(chat.awaitReceived(1)).containsExactly("We are open from 9 to 18, Monday to Saturday.");
        assertThat(rows.turns(chat.conversationId()))
                .extracting(Rows.Turn::outcome)
                .containsExactly("answered");
    }

    @Test
    void should_reply_with_the_unknown_message_when_no_faq_entry_matches() {
        WhatsAppChat chat = WhatsAppChat.start(api, Tenants.offlineBot(api, HOURS_FAQ));

        chat.says("Do you repair bicycles?");

        assertThat(chat.awaitReceived(1)).containsExactly("UNKNOWN-FALLBACK");
        assertThat(rows.turns(chat.conversationId()))
                .extracting(Rows.Turn::outcome)
                .containsExactly("no_answer");
    }

    @Test
    void should_record_the_model_token_counts_once_per_turn_when_turns_complete() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().repliesInSequence(LlmFake.ok("We open at 9."), LlmFake.ok("Until 18."));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("When do you open?");
        chat.awaitReceived(1);
        chat.says("And when do you close?");
        chat.awaitReceived(2);

        String conversationId = chat.conversationId();
        List<Rows.Turn> turns = rows.turns(conversationId);
        assertThat(turns).hasSize(2);
        assertThat(rows.usage(conversationId))
                .containsExactlyInAnyOrder(
                        new Rows.Usage(turns.get(0).id(), "openai", "gpt-4o-mini", 42, 7),
                        new Rows.Usage(turns.get(1).id(), "openai", "gpt-4o-mini", 42, 7));
    }

    @Test
    void should_stay_silent_but_mark_the_message_answered_when_a_human_owns_the_conversation() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("We open at 9.");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("When do you open?");
        chat.awaitReceived(1);
        String conversationId = chat.conversationId();
        jdbc.sql("update conversations set owner = 'human' where id = :id")
                .param("id", UUID.fromString(conversationId))
                .update();

        chat.says("I would rather talk to a person");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> rows.messages(conversationId).getLast().answered());
        List<Rows.Message> messages = rows.messages(conversationId);
        assertThat(messages).extracting(Rows.Message::role).containsExactly("user", "assistant", "user");
        List<Rows.Turn> turns = rows.turns(conversationId);
        assertThat(turns).extracting(Rows.Turn::outcome).containsExactly("answered", "skipped");
        assertThat(messages.getLast().turnId()).isEqualTo(turns.getLast().id());
        assertThat(turns.getLast().fallbackReason()).isEqualTo("owner_human");
        assertThat(bot.llm().requests()).hasSize(1);
        assertThat(chat.received()).hasSize(1);
        assertThat(GraphFake.typingIndicators(bot.phoneNumberId())).hasSize(1);
    }

    @Test
    void should_show_typing_for_the_last_message_of_a_burst_before_replying() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("Happy to help with both.");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Hello");
        String last = chat.says("I have two questions");
        chat.awaitReceived(1);

        List<LoggedRequest> graphCalls = Fakes.wiremock()
                .findAll(postRequestedFor(urlEqualTo("/graph/v22.0/" + bot.phoneNumberId() + "/messages")));
        List<JsonNode> bodies = graphCalls.stream()
                .map(r -> Api.json().readTree(r.getBodyAsString()))
                .toList();
        assertThat(bodies).hasSize(2);
        JsonNode typing = bodies.get(0);
        assertThat(typing.path("status").asString()).isEqualTo("read");
        assertThat(typing.path("message_id").asString()).isEqualTo(last);
        assertThat(typing.path("typing_indicator").path("type").asString()).isEqualTo("text");
        assertThat(bodies.get(1).path("text").path("body").asString())
                .as("the reply, after the typing indicator")
                .isEqualTo("Happy to help with both.");
    }

    @Test
    void should_still_answer_when_an_unanswered_message_has_no_scheduled_turn() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().repliesInSequence(LlmFake.ok("We open at 9."), LlmFake.ok("Yes, still here."));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("When do you open?");
        chat.awaitReceived(1);
        String conversationId = chat.conversationId();
        await().atMost(Duration.ofSeconds(5)).until(() -> !rows.turnScheduled(conversationId));

        // A message committed without its turn job, as when it lands between a turn's last check and its removal.
        insertMessage(bot, conversationId, "user", "Are you still there?", true);
        assertThat(rows.turnScheduled(conversationId)).isFalse();

        assertThat(chat.awaitReceived(2)).containsExactly("We open at 9.", "Yes, still here.");
        assertThat(LlmRequests.messages(bot.llm().requests().get(1)).getLast())
                .isEqualTo(new Line("user", "Are you still there?"));
        assertThat(rows.messages(conversationId)).allMatch(m -> m.role().equals("assistant") || m.answered());
    }

    @Test
    void should_give_the_model_only_the_last_20_messages_when_the_conversation_is_longer() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().repliesInSequence(LlmFake.ok("Hi! How can I help?"), LlmFake.ok("Noted."));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("Hello");
        chat.awaitReceived(1);
        String conversationId = chat.conversationId();
        for (int i = 1; i <= 30; i++) {
            insertMessage(bot, conversationId, i % 2 == 1 ? "user" : "assistant", "seed %02d".formatted(i), false);
        }

        chat.says("Latest question");
        chat.awaitReceived(2);

        List<Line> sent = LlmRequests.messages(bot.llm().requests().get(1));
        assertThat(sent).hasSize(21);
        assertThat(sent.getFirst().role()).isEqualTo("system");
        List<Line> history = sent.subList(1, sent.size());
        assertThat(history.getFirst()).isEqualTo(new Line("assistant", "seed 12"));
        assertThat(history.get(history.size() - 2)).isEqualTo(new Line("assistant", "seed 30"));
        assertThat(history.getLast()).isEqualTo(new Line("user", "Latest question"));
        assertThat(history).extracting(Line::text).doesNotContain("Hello", "Hi! How can I help?", "seed 11");
    }

    private void insertMessage(
            Tenants.WhatsAppBot bot, String conversationId, String role, String content, boolean needsReply) {
        jdbc.sql("""
                        insert into messages (id, organization_id, conversation_id, role, type, content, needs_reply)
                        values (:id, :org, :conversation, :role, 'text', :content, :needsReply)""")
                .param("id", UUID.randomUUID())
                .param("org", UUID.fromString(bot.organizationId()))
                .param("conversation", UUID.fromString(conversationId))
                .param("role", role)
                .param("content", content)
                .param("needsReply", needsReply)
                .update();
    }
}
