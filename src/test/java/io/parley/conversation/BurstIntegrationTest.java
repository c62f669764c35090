package io.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.conversation.internal.TurnJob;
import io.parley.testing.LlmFake;
import io.parley.testing.LlmRequests;
import io.parley.testing.LlmRequests.Line;
import io.parley.testing.Rows;
import io.parley.testing.Tenants;
import io.parley.testing.TimeTestSupport;
import io.parley.testing.WhatsAppChat;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * People send several short messages in a row; the bot waits for the burst to pause (the debounce, 1 s) and answers
 * once. The clock stands still until the test moves it, so "200 ms later" is exact and the machine's speed does not
 * matter. How long a lone message waits: {@link AdaptiveQuietWindowIntegrationTest}.
 */
class BurstIntegrationTest extends TimeTestSupport {

    private Rows rows;

    @BeforeEach
    void setUp() {
        rows = new Rows(jdbc);
    }

    @Test
    void should_answer_both_messages_with_one_model_call_and_one_reply_when_they_arrive_200ms_apart() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("Sorry about the bike! A replacement is on its way.");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Hi, my order 1234 arrived");
        time.advance(Duration.ofMillis(200)); // the contact is still typing
        chat.says("and the bike is broken");
        time.advance(DEBOUNCE.minusMillis(1));
        assertThat(bot.llm().requests())
                .as("a model call before the burst went quiet")
                .isEmpty();
        time.advance(Duration.ofMillis(1));

        assertThat(chat.awaitReceived(1)).containsExactly("Sorry about the bike! A replacement is on its way.");
        String conversationId = chat.conversationId();
        List<Rows.Message> messages = rows.messages(conversationId);
        assertThat(messages).extracting(Rows.Message::role).containsExactly("user", "user", "assistant");
        Rows.Message first = messages.get(0);
        Rows.Message second = messages.get(1);
        assertThat(first.answered()).isTrue();
        assertThat(second.answered()).isTrue();
        assertThat(first.turnId()).isNotNull().isEqualTo(second.turnId());
        assertThat(rows.turns(conversationId)).extracting(Rows.Turn::id).containsExactly(first.turnId());
        assertThat(gapBetweenFirstTwo(conversationId))
                .as("the second message came inside the debounce window")
                .isEqualTo(Duration.ofMillis(200));

        assertThat(bot.llm().requests()).hasSize(1);
        List<Line> sent = LlmRequests.messages(bot.llm().requests().getFirst());
        assertThat(sent.subList(1, sent.size()))
                .containsExactly(
                        new Line("user", "Hi, my order 1234 arrived"), new Line("user", "and the bike is broken"));
        assertThat(chat.received()).hasSize(1);
    }

    @Test
    void should_answer_a_message_that_arrives_during_a_model_call_in_the_next_turn_only() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().repliesInSequence(LlmFake.ok("First answer.").withFixedDelay(1500), LlmFake.ok("Second answer."));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("What are your prices?");
        time.advanceWithoutWaiting(DEBOUNCE);
        await().atMost(Duration.ofSeconds(10)).until(() -> bot.llm().requests().size() == 1);
        chat.says("And do you deliver?");
        Instant secondAt = time.now();
        time.runDue();
        assertThat(chat.received())
                .as("only the first turn ran: the second waits for its own debounce")
                .containsExactly("First answer.");
        assertThat(time.scheduled(TurnJob.TASK, chat.conversationId()))
                .as("the message that came during the turn waits its own quiet window")
                .contains(secondAt.plus(FIRST_QUIET));
        time.advance(DEBOUNCE);

        assertThat(chat.awaitReceived(2)).containsExactly("First answer.", "Second answer.");
        List<Line> firstCall = LlmRequests.messages(bot.llm().requests().get(0));
        assertThat(firstCall).doesNotContain(new Line("user", "And do you deliver?"));
        List<Line> secondCall = LlmRequests.messages(bot.llm().requests().get(1));
        assertThat(secondCall.getLast()).isEqualTo(new Line("user", "And do you deliver?"));
        assertThat(secondCall).contains(new Line("assistant", "First answer."));
        List<Rows.Message> messages = rows.messages(chat.conversationId());
        assertThat(messages).extracting(Rows.Message::role).containsExactly("user", "user", "assistant", "assistant");
        assertThat(messages.get(0).turnId()).isNotEqualTo(messages.get(1).turnId());
    }

    @Test
    void should_wait_for_the_burst_to_go_quiet_when_each_message_extends_it_past_the_first_debounce() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("Got all four, thanks.");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        List<String> burst = List.of("One", "Two", "Three", "Four");

        // 0, 200, 800, 1400 ms: the second inside the first quiet window (a burst), each inside the 1 s debounce of
        // the one before, the last long after the first's.
        List<Duration> gaps = List.of(Duration.ofMillis(200), Duration.ofMillis(600), Duration.ofMillis(600));
        chat.says(burst.getFirst());
        for (int i = 1; i < burst.size(); i++) {
            time.advance(gaps.get(i - 1));
            chat.says(burst.get(i));
        }
        time.advance(DEBOUNCE.minusMillis(1));
        assertThat(bot.llm().requests())
                .as("a model call before the burst went quiet")
                .isEmpty();
        time.advance(Duration.ofMillis(1));

        assertThat(chat.awaitReceived(1)).containsExactly("Got all four, thanks.");
        List<Line> sent = LlmRequests.messages(bot.llm().requests().getFirst());
        assertThat(sent.subList(1, sent.size())).extracting(Line::text).containsExactlyElementsOf(burst);
        String conversationId = chat.conversationId();
        assertThat(rows.turns(conversationId)).hasSize(1);
        assertThat(rows.messages(conversationId))
                .extracting(Rows.Message::role)
                .containsExactly("user", "user", "user", "user", "assistant");
        assertThat(bot.llm().requests()).hasSize(1);
    }

    @Test
    void should_answer_in_a_second_turn_with_the_first_reply_as_history_when_a_message_arrives_after_the_reply() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm()
                .repliesInSequence(
                        LlmFake.ok("Sorry to hear that. Could you send a photo?"),
                        LlmFake.ok("Thanks, a replacement is on its way."));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("My bike arrived broken");
        time.advance(DEBOUNCE);
        chat.awaitReceived(1);
        chat.says("Here is the photo");
        time.advance(DEBOUNCE);

        assertThat(chat.awaitReceived(2))
                .containsExactly("Sorry to hear that. Could you send a photo?", "Thanks, a replacement is on its way.");
        assertThat(bot.llm().requests()).hasSize(2);
        List<Line> second = LlmRequests.messages(bot.llm().requests().get(1));
        assertThat(second.getFirst().role()).isEqualTo("system");
        assertThat(second.subList(1, second.size()))
                .containsExactly(
                        new Line("user", "My bike arrived broken"),
                        new Line("assistant", "Sorry to hear that. Could you send a photo?"),
                        new Line("user", "Here is the photo"));

        String conversationId = chat.conversationId();
        List<Rows.Message> messages = rows.messages(conversationId);
        assertThat(messages).extracting(Rows.Message::role).containsExactly("user", "assistant", "user", "assistant");
        assertThat(messages.get(0).turnId())
                .isNotNull()
                .isNotEqualTo(messages.get(2).turnId());
        assertThat(messages.get(2).turnId()).isNotNull();
        assertThat(rows.turns(conversationId)).extracting(Rows.Turn::outcome).containsExactly("answered", "answered");
    }

    private Duration gapBetweenFirstTwo(String conversationId) {
        List<Timestamp> times = jdbc.sql("""
                        select created_at from messages where conversation_id = :id and role = 'user' order by seq limit 2""")
                .param("id", UUID.fromString(conversationId))
                .query(Timestamp.class)
                .list();
        return Duration.between(times.get(0).toInstant(), times.get(1).toInstant());
    }
}
