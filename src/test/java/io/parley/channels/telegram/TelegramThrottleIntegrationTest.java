package io.parley.channels.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.LlmFake;
import io.parley.testing.TimeTestSupport;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Telegram's 429 on Parley's standing clock (the context of the other tests in time, no new one): the reply waits at
 * least {@code retry_after} before it is sent again, and the wait is throttling, not a spent retry.
 */
class TelegramThrottleIntegrationTest extends TimeTestSupport {
    @Test
    void should_send_only_after_retry_after_and_leave_the_retry_budget_untouched_when_telegram_answers_429() {
        LlmFake llm = LlmFake.create();
        llm.replies("Your order ships today.");
        TelegramConnection telegram = TelegramConnection.connect(api, llm);
        TelegramFake.answerOnceThen(
                telegram.bot(),
                "sendMessage",
                TelegramFake.error(429, "Too Many Requests: retry after 3", 3),
                TelegramFake.sent());
        long user = TelegramConnection.newUserId();

        telegram.deliver(api, TelegramFake.text(7_000_001L + user % 1000, user, 1, "Where is my order?"));
        time.advance(DEBOUNCE);
        await().atMost(Duration.ofSeconds(10)).until(() -> sends(telegram) == 1);

        Duration wait = nextAttemptIn(telegram).orElseThrow();
        assertThat(wait).as("retry_after 3 s is honoured").isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        time.advance(Duration.ofMillis(2_900));
        assertThat(sends(telegram)).as("nothing before retry_after").isEqualTo(1);
        time.advance(wait.minusMillis(2_900));

        await().atMost(Duration.ofSeconds(10)).until(() -> sends(telegram) == 2);
        Map<String, Object> row = await().atMost(Duration.ofSeconds(10))
                .until(() -> outbound(telegram), r -> "sent".equals(r.get("status")));
        assertThat(row.get("throttles")).as("counted as throttling").isEqualTo(1);
        assertThat(row.get("attempts")).isEqualTo(2);
    }

    private static int sends(TelegramConnection telegram) {
        return TelegramFake.calls(telegram.bot(), "sendMessage").size();
    }

    private Optional<Duration> nextAttemptIn(TelegramConnection telegram) {
        return jdbc.sql("""
                        select t.execution_time from scheduled_tasks t
                        join outbound_messages o on t.task_name = 'deliver' and t.task_instance = o.id::text
                        where o.channel_account_id = :id::uuid""")
                .param("id", telegram.channelId())
                .query(Timestamp.class)
                .optional()
                .map(at -> Duration.between(time.now(), at.toInstant()));
    }

    private Map<String, Object> outbound(TelegramConnection telegram) {
        return jdbc.sql("""
                        select status, attempts, throttles from outbound_messages
                        where channel_account_id = :id::uuid""").param("id", telegram.channelId()).query().singleRow();
    }
}
