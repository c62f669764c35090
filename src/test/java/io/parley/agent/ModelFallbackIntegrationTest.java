package io.parley.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.LlmFake;
import io.parley.testing.Rows;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The model fails on the wire; the contact still hears from the bot, with the chatbot's own words for the
 * situation, and operators find a system event. The bots under test have a model timeout of 2 s.
 */
class ModelFallbackIntegrationTest extends IntegrationTestSupport {

    private Rows rows;

    @BeforeEach
    void setUp() {
        rows = new Rows(jdbc);
    }

    static Stream<Arguments> limits() {
        return Stream.of(
                Arguments.of(
                        "429 rate_limit_exceeded",
                        LlmFake.error(429, "requests", "rate_limit_exceeded"),
                        "RATE_LIMITED",
                        "model_rate_limited"),
                Arguments.of(
                        "429 insufficient_quota",
                        LlmFake.error(429, "insufficient_quota", "insufficient_quota"),
                        "QUOTA_EXHAUSTED",
                        "model_quota_exhausted"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limits")
    void should_send_the_limit_message_once_when_the_model_reports_a_usage_limit(
            String failure, ResponseDefinitionBuilder response, String kind, String reason) {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies(response);
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Can you help me with my invoice?");

        assertThat(chat.awaitReceived(1)).containsExactly("LIMIT-FALLBACK");
        assertFellBack(bot, chat, reason);
        assertRecorded(bot, "llm.limit", "warn", kind);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(
                        "500",
                        LlmFake.error(500, "server_error", "internal_error"),
                        "UNAVAILABLE",
                        "model_unavailable"),
                Arguments.of(
                        "no answer within the 2 s timeout",
                        LlmFake.ok("Too late.").withFixedDelay(4_000),
                        "TIMEOUT",
                        "model_timeout"),
                Arguments.of(
                        "401 invalid_api_key",
                        LlmFake.error(401, "invalid_request_error", "invalid_api_key"),
                        "AUTHENTICATION",
                        "model_authentication"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void should_send_the_error_message_once_when_the_model_call_fails(
            String failure, ResponseDefinitionBuilder response, String kind, String reason) {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies(response);
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Can you help me with my invoice?");

        assertThat(chat.awaitReceived(1)).containsExactly("ERROR-FALLBACK");
        assertFellBack(bot, chat, reason);
        assertRecorded(bot, "llm.error", "error", kind);
    }

    /** One model call, one fallback turn, and the user's message is answered so nothing retries it. */
    private void assertFellBack(Tenants.WhatsAppBot bot, WhatsAppChat chat, String reason) {
        assertThat(bot.llm().requests()).as("model calls").hasSize(1);
        String conversationId = chat.conversationId();
        List<Rows.Turn> turns = rows.turns(conversationId);
        assertThat(turns).extracting(Rows.Turn::outcome).containsExactly("fallback");
        assertThat(turns.getFirst().fallbackReason()).isEqualTo(reason);
        assertThat(rows.messages(conversationId))
                .filteredOn(m -> m.role().equals("user"))
                .allMatch(Rows.Message::answered);
    }

    private void assertRecorded(Tenants.WhatsAppBot bot, String type, String level, String kind) {
        List<Rows.Event> events = rows.events(bot.organizationId()).stream()
                .filter(e -> e.type().startsWith("llm."))
                .toList();
        assertThat(events).extracting(Rows.Event::type).containsExactly(type);
        Rows.Event event = events.getFirst();
        assertThat(event.level()).isEqualTo(level);
        assertThat(event.payload().path("kind").asString()).isEqualTo(kind);
        assertThat(event.payload().path("provider").asString()).isEqualTo("openai");
    }
}
