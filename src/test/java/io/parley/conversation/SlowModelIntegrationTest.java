package io.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.GatedModel;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Rows;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * Slow models at scale (ADR 51): a turn waits for its model holding no database connection (two connections serve
 * twenty turns whose model calls are all open at once), and a call that finds its server's places taken for longer
 * than {@code parley.llm.max-in-flight-wait} becomes the chatbot's error message, once, not a lost message. The fake
 * model holds every call open until the test lets them through.
 */
@TestPropertySource(
        properties = {
            "parley.db.pool-size=4", // two listen for notices (ReplyDeltas, NoticeListener): two for the work
            "parley.whatsapp.ingest-concurrency=2",
            // "localhost" is the one-place server; the same fake as 127.0.0.1 has the default bound
            "parley.llm.max-in-flight-overrides=localhost=1",
            "parley.llm.max-in-flight-wait=200ms"
        })
class SlowModelIntegrationTest extends IntegrationTestSupport {
    private final GatedModel model = GatedModel.replying("Your parcel ships today.");

    @AfterEach
    void stopModel() {
        model.close();
    }

    @Test
    void should_answer_every_turn_when_twenty_model_calls_are_open_at_once_on_two_database_connections() {
        Tenants.WhatsAppBot bot = Tenants.modelBot(api, model("127.0.0.1"));
        List<WhatsAppChat> chats = IntStream.range(0, 20)
                .mapToObj(i -> WhatsAppChat.start(api, bot))
                .toList();

        chats.forEach(chat -> chat.says("Where is my parcel?"));

        // Twenty turns are inside their model call at the same moment: none of them can be holding a connection.
        await().atMost(Duration.ofSeconds(30)).until(() -> model.open() == 20);
        model.openGate();
        chats.forEach(chat -> assertThat(chat.awaitReceived(1)).containsExactly("Your parcel ships today."));
        assertThat(model.received()).isEqualTo(20);
    }

    @Test
    void should_send_the_error_message_once_when_the_model_server_has_no_place_within_the_wait() {
        Tenants.WhatsAppBot bot = Tenants.modelBot(api, model("localhost"));
        WhatsAppChat first = WhatsAppChat.start(api, bot);
        WhatsAppChat second = WhatsAppChat.start(api, bot);
        first.says("Where is my parcel?");
        await().atMost(Duration.ofSeconds(30)).until(() -> model.open() == 1);

        second.says("And mine?");

        assertThat(second.awaitReceived(1)).containsExactly("ERROR-FALLBACK");
        Rows rows = new Rows(jdbc);
        List<Rows.Turn> turns = rows.turns(second.conversationId());
        assertThat(turns).extracting(Rows.Turn::outcome).containsExactly("fallback");
        assertThat(turns.getFirst().fallbackReason()).isEqualTo("model_busy");
        assertThat(rows.messages(second.conversationId()))
                .filteredOn(m -> m.role().equals("user"))
                .allMatch(Rows.Message::answered);
        assertThat(rows.events(bot.organizationId()))
                .filteredOn(e -> e.type().equals("llm.error"))
                .singleElement()
                .satisfies(e -> assertThat(e.payload().path("kind").asString()).isEqualTo("BUSY"));
        assertThat(model.received()).as("the refused call was never sent").isEqualTo(1);

        model.openGate();
        assertThat(first.awaitReceived(1)).containsExactly("Your parcel ships today.");
        time.advance(PAST_EVERY_RETRY);
        assertThat(second.received())
                .as("one reply, no retry of the refused turn")
                .hasSize(1);
        assertThat(model.received()).isEqualTo(1);
    }

    /** The bot's model on the gated fake, reached as {@code host}; a timeout longer than any hold. */
    private String model(String host) {
        return """
                {"provider": "openai", "name": "gpt-4o-mini", "baseUrl": "%s", "apiKey": "sk-test-gated",
                 "temperature": 0.0, "timeoutSeconds": 60}""".formatted(model.baseUrl(host, "slow"));
    }
}
