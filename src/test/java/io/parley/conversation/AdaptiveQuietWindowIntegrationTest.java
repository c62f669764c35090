package io.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.conversation.internal.TurnJob;
import io.parley.testing.LlmFake;
import io.parley.testing.LlmRequests;
import io.parley.testing.LlmRequests.Line;
import io.parley.testing.Tenants;
import io.parley.testing.TimeTestSupport;
import io.parley.testing.WhatsAppChat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How long a message waits before the bot answers (ADR 49): a lone message only the first quiet window (250 ms), a
 * burst the full debounce (1 s) after its newest message, never past max-wait (10 s). Production defaults on a clock
 * that stands still until the test moves it.
 */
class AdaptiveQuietWindowIntegrationTest extends TimeTestSupport {
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);

    @Test
    void should_answer_a_lone_message_after_the_first_quiet_window_not_after_the_debounce() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("We open at 9.");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("When do you open?");
        Instant received = time.now();

        assertThat(time.scheduled(TurnJob.TASK, chat.conversationId())).contains(received.plus(FIRST_QUIET));
        time.advance(FIRST_QUIET.minusMillis(1));
        assertThat(bot.llm().requests())
                .as("a model call inside the first quiet window")
                .isEmpty();
        time.advance(Duration.ofMillis(1));

        assertThat(chat.awaitReceived(1)).containsExactly("We open at 9.");
        assertThat(FIRST_QUIET).isLessThan(DEBOUNCE);
    }

    @Test
    void should_keep_merging_a_contacts_messages_when_they_wrote_in_a_burst_before() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().repliesInSequence(LlmFake.ok("Hello!"), LlmFake.ok("Got both."));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        // 600 ms apart: the first waits alone and is answered after the first quiet window ...
        chat.says("Hi");
        time.advance(Duration.ofMillis(600));
        assertThat(chat.awaitReceived(1)).containsExactly("Hello!");
        // ... but the contact types in bursts: from now on a message waits the full debounce, even alone.
        chat.says("my order 1234");
        time.advance(Duration.ofMillis(600));
        chat.says("arrived broken");
        time.advance(DEBOUNCE.minusMillis(1));
        assertThat(bot.llm().requests()).hasSize(1);
        time.advance(Duration.ofMillis(1));

        assertThat(chat.awaitReceived(2)).containsExactly("Hello!", "Got both.");
        List<Line> second = LlmRequests.messages(bot.llm().requests().get(1));
        assertThat(second.subList(second.size() - 2, second.size()))
                .containsExactly(new Line("user", "my order 1234"), new Line("user", "arrived broken"));
    }

    @Test
    void should_answer_at_max_wait_when_a_burst_never_pauses_for_the_debounce() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("Let me stop you there.");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        Instant first = time.now();

        // 0, 200, then every 900 ms up to 9.2 s: each inside the debounce of the one before, the last quiet only at
        // 10.2 s.
        chat.says("one");
        time.advance(Duration.ofMillis(200));
        int sent = 1;
        while (true) {
            chat.says("more " + sent++);
            if (!time.now().plus(Duration.ofMillis(900)).isBefore(first.plus(MAX_WAIT))) {
                break;
            }
            time.advance(Duration.ofMillis(900));
        }
        assertThat(time.now()).isEqualTo(first.plusMillis(9_200));
        time.advanceTo(first.plus(MAX_WAIT).minusMillis(1));
        assertThat(bot.llm().requests()).as("a model call before max-wait").isEmpty();
        time.advanceTo(first.plus(MAX_WAIT));

        assertThat(chat.awaitReceived(1)).containsExactly("Let me stop you there.");
        List<Line> sentToModel = LlmRequests.messages(bot.llm().requests().getFirst());
        assertThat(sentToModel.stream().filter(l -> l.role().equals("user"))).hasSize(sent);
    }
}
