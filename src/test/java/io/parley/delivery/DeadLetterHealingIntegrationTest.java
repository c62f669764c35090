package io.parley.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.parley.platform.MessageId;
import io.parley.platform.OrganizationId;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Auto-heal and the {@code deadLetters} health component, with a 1 s cool-down and interval, one automatic replay
 * per message and a threshold of one open dead letter. Its own context, so its own database: the health test
 * (first) starts from no dead letters.
 */
@TestPropertySource(
        properties = {
            "parley.delivery.dead-letters.heal-interval=1s",
            "parley.delivery.dead-letters.heal-cool-down=1s",
            "parley.delivery.dead-letters.max-auto-replays=1",
            "parley.delivery.dead-letters.health-threshold=1",
            // Retries to one contact would otherwise wait for the per-recipient pacing (3 at once, then one per 6 s).
            "parley.delivery.pacing.recipient-interval=50ms"
        })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadLetterHealingIntegrationTest extends IntegrationTestSupport {
    @Autowired
    OutboundRetention retention;

    private record Sent(Tenants.WhatsAppBot bot, WhatsAppChat chat, String messageId, String text) {
        long sends() {
            return GraphFake.sends(bot.phoneNumberId()).stream()
                    .filter(r -> r.getBodyAsString().contains(text))
                    .count();
        }

        JsonNode delivery() {
            return AgentMessages.delivery(chat, messageId);
        }
    }

    /** An agent message whose sends meet {@code graphResponses} (the last one repeats). */
    private Sent send(String text, ResponseDefinitionBuilder... graphResponses) {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        WhatsAppChat chat = WhatsAppChat.answered(api, bot);
        GraphFake.sendsRespondInSequence(bot.phoneNumberId(), graphResponses);
        Api.Response sent = api.post(
                "/api/v1/conversations/" + chat.conversationId() + "/messages", "{\"text\": \"" + text + "\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        return new Sent(bot, chat, sent.json().path("id").asString(), text);
    }

    private List<JsonNode> deadLetters(Sent sent, String state) {
        JsonNode letters = api.get(
                        "/api/v1/organizations/" + sent.bot().organizationId() + "/dead-letters?state=" + state)
                .json();
        return StreamSupport.stream(letters.spliterator(), false).toList();
    }

    private JsonNode healthComponent() {
        Api.Response health = Api.at(port).withToken(null).get("/actuator/health");
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        return health.json().path("components").path("deadLetters");
    }

    @Test
    @Order(1)
    void should_report_dead_letters_warn_above_the_threshold_and_up_at_or_below_it() {
        assertThat(healthComponent().path("status").asString()).as("none open").isEqualTo("UP");

        Sent first = send("First undeliverable.", GraphFake.error(400, 131026, "Message undeliverable"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> deadLetters(first, "open").size() == 1);
        assertThat(healthComponent().path("status").asString())
                .as("one open, threshold one")
                .isEqualTo("UP");

        Sent second = send("Second undeliverable.", GraphFake.error(400, 131026, "Message undeliverable"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> deadLetters(second, "open").size() == 1);
        assertThat(healthComponent().path("status").asString()).as("two open").isEqualTo("WARN");
        assertThat(Api.at(port)
                        .withToken(null)
                        .get("/actuator/health")
                        .json()
                        .path("status")
                        .asString())
                .as("the application as a whole stays UP")
                .isEqualTo("UP");
    }

    @Test
    @Order(2)
    void should_replay_a_transient_dead_letter_after_the_cool_down_and_deliver_it_once() {
        ResponseDefinitionBuilder down = GraphFake.error(500, 1, "An unknown error occurred");
        Sent sent = send("Your order shipped.", down, down, down, down, GraphFake.sentWithId("wamid.HEALED"));

        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        sent.delivery().path("providerMessageId").asString().equals("wamid.HEALED"));

        assertThat(sent.delivery().path("status").asString()).isEqualTo("sent");
        assertThat(deadLetters(sent, "open")).isEmpty();
        assertThat(deadLetters(sent, "replayed")).singleElement().satisfies(letter -> {
            assertThat(letter.path("transientFailure").asBoolean()).isTrue();
            assertThat(letter.path("replayedBy").asString()).isEqualTo("auto-heal");
        });
        time.advance(PAST_EVERY_RETRY);
        assertThat(sent.sends()).isEqualTo(5);
    }

    @Test
    @Order(3)
    void should_not_replay_a_permanent_dead_letter() {
        Sent sent = send(
                "Never to arrive.",
                GraphFake.error(400, 131026, "Message undeliverable"),
                GraphFake.sentWithId("wamid.MUST_NOT_HAPPEN"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> deadLetters(sent, "open").size() == 1);

        // Three cool-downs and intervals: a replay would have happened by now.
        time.advance(PAST_EVERY_RETRY);
        assertThat(sent.sends()).isEqualTo(1);

        assertThat(sent.delivery().path("status").asString()).isEqualTo("failed");
        assertThat(deadLetters(sent, "open"))
                .singleElement()
                .satisfies(letter ->
                        assertThat(letter.path("transientFailure").asBoolean()).isFalse());
    }

    @Test
    @Order(4)
    void should_stop_auto_replaying_a_message_after_max_auto_replays() {
        Sent sent = send("Provider stays down.", GraphFake.error(500, 1, "An unknown error occurred"));

        // Four attempts, one automatic replay, four attempts again, then it stays dead.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> deadLetters(sent, "replayed").size() == 1
                        && deadLetters(sent, "open").size() == 1);
        time.advance(PAST_EVERY_RETRY);
        assertThat(sent.sends()).isEqualTo(8);

        assertThat(sent.delivery().path("status").asString()).isEqualTo("failed");
        assertThat(deadLetters(sent, "open"))
                .singleElement()
                .satisfies(letter ->
                        assertThat(letter.path("transientFailure").asBoolean()).isTrue());
    }

    @Test
    @Order(5)
    void should_not_auto_replay_a_transient_dead_letter_whose_content_retention_removed() {
        Sent sent = send("Anonymized before it could heal.", GraphFake.sentWithId("wamid.ONLY_ONCE"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> sent.delivery().path("status").asString().equals("sent"));
        UUID messageId = UUID.fromString(sent.messageId());
        retention.anonymize(
                new OrganizationId(UUID.fromString(sent.bot().organizationId())), List.of(new MessageId(messageId)));
        // As if its sends had failed for a transient reason a while ago: past the cool-down, healable but for that.
        jdbc.sql("""
                        update outbound_messages set status = 'failed', status_rank = 3, provider_message_id = null
                        where message_id = :m""").param("m", messageId).update();
        jdbc.sql("""
                        insert into dead_letters (id, organization_id, outbound_message_id, conversation_id,
                            channel_account_id, lane, reason, attempts, transient, created_at)
                        select :id, organization_id, id, conversation_id, channel_account_id, lane, '500', 4, true,
                            now() - interval '1 minute'
                        from outbound_messages where message_id = :m""").param("id", UUID.randomUUID()).param("m", messageId).update();

        // Several heal intervals: a replay would have happened by now.
        time.advance(PAST_EVERY_RETRY);
        assertThat(sent.sends()).isEqualTo(1);

        assertThat(deadLetters(sent, "replayed")).isEmpty();
        assertThat(deadLetters(sent, "open"))
                .singleElement()
                .satisfies(letter ->
                        assertThat(letter.path("transientFailure").asBoolean()).isTrue());
        assertThat(sent.delivery().path("status").asString()).isEqualTo("failed");
    }
}
