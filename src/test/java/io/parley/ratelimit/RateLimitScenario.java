package io.parley.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.testing.Api;
import io.parley.testing.Tenants;
import io.parley.testing.TestTime;
import io.parley.testing.WhatsAppChat;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A contact over its limit of 3 messages an hour: every message is stored and acknowledged, the first three are
 * answered (in one turn or more), the rest reach no model, the contact hears one notice, and another contact is answered as usual.
 */
final class RateLimitScenario {
    static final String NOTICE = "You are sending too many messages. Please wait a while before writing again.";
    /** Past the shared context's debounce, every delivery retry and the confirmation wait (as in the tests' base). */
    private static final Duration PAST_EVERY_RETRY = Duration.ofSeconds(10);

    private RateLimitScenario() {}

    static void run(Api api, JdbcClient jdbc, TestTime time) {
        run(api, jdbc, time, Tenants.openAiBot(api));
    }

    static void run(Api api, JdbcClient jdbc, TestTime time, Tenants.WhatsAppBot bot) {
        bot.llm().replies("Happy to help.");
        WhatsAppChat abusive = WhatsAppChat.start(api, bot);
        List<String> texts = List.of(1, 2, 3, 4, 5).stream()
                .map(i -> "message " + i + " " + UUID.randomUUID())
                .toList();

        texts.forEach(abusive::says);
        // Past the debounce and every retry: whatever these messages cause has happened when this returns.
        time.advance(PAST_EVERY_RETRY);

        // The first three may be answered in one turn or, if they arrived slowly, in several: only the count matters.
        assertThat(answered(jdbc, abusive.conversationId())).isEqualTo(3);
        assertThat(abusive.received()).containsOnlyOnce(NOTICE).containsOnly(NOTICE, "Happy to help.");
        WhatsAppChat other = WhatsAppChat.start(api, bot);
        other.says("Hi, is the shop open today?");
        time.advance(PAST_EVERY_RETRY);
        assertThat(other.received()).containsExactly("Happy to help.");

        List<String> modelSaw = bot.llm().requests().stream()
                .map(LoggedRequest::getBodyAsString)
                .toList();
        assertThat(String.join("\n", modelSaw))
                .contains(texts.get(0), texts.get(1), texts.get(2))
                .doesNotContain(texts.get(3))
                .doesNotContain(texts.get(4));
        assertThat(throttled(jdbc, abusive.conversationId())).containsExactly(texts.get(3), texts.get(4));
        assertThat(userMessages(jdbc, abusive.conversationId())).isEqualTo(5);
        // Nothing more happens: no second notice, no late answer to a throttled message.
        assertThat(abusive.received()).containsOnlyOnce(NOTICE).containsOnly(NOTICE, "Happy to help.");
    }

    private static List<String> throttled(JdbcClient jdbc, String conversationId) {
        return jdbc.sql("""
                        select content from messages where conversation_id = :id and details->>'throttled' = 'contact'
                        and not needs_reply order by seq""")
                .param("id", UUID.fromString(conversationId))
                .query(String.class)
                .list();
    }

    private static int answered(JdbcClient jdbc, String conversationId) {
        return jdbc.sql("""
                        select count(*) from messages
                        where conversation_id = :id and role = 'user' and answered_at is not null""")
                .param("id", UUID.fromString(conversationId))
                .query(Integer.class)
                .single();
    }

    private static int userMessages(JdbcClient jdbc, String conversationId) {
        return jdbc.sql("select count(*) from messages where conversation_id = :id and role = 'user'")
                .param("id", UUID.fromString(conversationId))
                .query(Integer.class)
                .single();
    }
}
