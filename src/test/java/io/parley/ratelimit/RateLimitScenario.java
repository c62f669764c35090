package io.parley.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.testing.Api;
import io.parley.testing.Tenants;
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

    private RateLimitScenario() {
    }

    static void run(Api api, JdbcClient jdbc) {
        run(api, jdbc, Tenants.openAiBot(api));
    }

    static void run(Api api, JdbcClient jdbc, Tenants.WhatsAppBot bot) {
        bot.llm().replies("Happy to help.");
        WhatsAppChat abusive = WhatsAppChat.start(api, bot);
        List<String> texts = List.of(1, 2, 3, 4, 5).stream().map(i -> "message " + i + " " + UUID.randomUUID())
                .toList();

        texts.forEach(abusive::says);

        // The first three may be answered in one turn or, if they arrive slowly, in several: only the count matters.
        await().untilAsserted(() -> assertThat(answered(jdbc, abusive.conversationId())).isEqualTo(3));
        await().untilAsserted(() -> assertThat(abusive.received()).contains(NOTICE));
        WhatsAppChat other = WhatsAppChat.start(api, bot);
        other.says("Hi, is the shop open today?");
        assertThat(other.awaitReceived(1)).containsExactly("Happy to help.");

        List<String> modelSaw = bot.llm().requests().stream().map(LoggedRequest::getBodyAsString).toList();
        assertThat(String.join("\n", modelSaw)).contains(texts.get(0), texts.get(1), texts.get(2))
                .doesNotContain(texts.get(3)).doesNotContain(texts.get(4));
        assertThat(throttled(jdbc, abusive.conversationId())).containsExactly(texts.get(3), texts.get(4));
        assertThat(userMessages(jdbc, abusive.conversationId())).isEqualTo(5);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                assertThat(abusive.received()).containsOnlyOnce(NOTICE).containsOnly(NOTICE, "Happy to help."));
    }

    private static List<String> throttled(JdbcClient jdbc, String conversationId) {
        return jdbc.sql("""
                        select content from messages where conversation_id = :id and details->>'throttled' = 'contact'
                        and not needs_reply order by seq""")
                .param("id", UUID.fromString(conversationId)).query(String.class).list();
    }

    private static int answered(JdbcClient jdbc, String conversationId) {
        return jdbc.sql("""
                        select count(*) from messages
                        where conversation_id = :id and role = 'user' and answered_at is not null""")
                .param("id", UUID.fromString(conversationId)).query(Integer.class).single();
    }

    private static int userMessages(JdbcClient jdbc, String conversationId) {
        return jdbc.sql("select count(*) from messages where conversation_id = :id and role = 'user'")
                .param("id", UUID.fromString(conversationId)).query(Integer.class).single();
    }
}
