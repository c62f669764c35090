package io.parley.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Rows;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Content retention reaches the outbox: an anonymized message's outbound payload keeps no content and is never sent
 * again (not by a replay, not by a pending delivery attempt); deleted messages take their outbound rows and dead
 * letters with them.
 */
class OutboundRetentionIntegrationTest extends IntegrationTestSupport {
    private static final String ANONYMIZED_TEXT = "{\"kind\": \"text\", \"anonymized\": true}";

    @Autowired
    RetentionSweep sweep;

    private record Chat(Tenants.WhatsAppBot bot, WhatsAppChat chat) {
        String org() {
            return bot.organizationId();
        }

        long sendsOf(String text) {
            return GraphFake.sends(bot.phoneNumberId()).stream()
                    .filter(r -> r.getBodyAsString().contains(text))
                    .count();
        }
    }

    private record Outbound(UUID id, String status, String errorCode, String providerMessageId, String payload) {}

    /** A conversation whose first bot reply went out; later text sends meet {@code graphResponses}. */
    private Chat chat(ResponseDefinitionBuilder... graphResponses) {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("Hello!");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("Hi");
        chat.awaitReceived(1);
        if (graphResponses.length > 0) {
            GraphFake.sendsRespondInSequence(bot.phoneNumberId(), graphResponses);
        }
        return new Chat(bot, chat);
    }

    /** An agent message through the API; returns its message id. */
    private UUID send(Chat chat, String text) {
        Api.Response sent = api.post(
                "/api/v1/conversations/" + chat.chat().conversationId() + "/messages", "{\"text\": \"" + text + "\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        return UUID.fromString(sent.text("id"));
    }

    private void retention(Chat chat, String mode) {
        Api.Response put = api.put(
                "/api/v1/organizations/" + chat.org() + "/retention",
                "{\"messageContentDays\": 30, \"mode\": \"" + mode + "\"}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
    }

    /** The message (with its outbox row and dead letters) as if it was written 31 days ago. */
    private void age(UUID messageId) {
        jdbc.sql("update messages set created_at = now() - interval '31 days' where id = :id")
                .param("id", messageId)
                .update();
        jdbc.sql("update outbound_messages set created_at = now() - interval '31 days' where message_id = :id")
                .param("id", messageId)
                .update();
    }

    private Optional<Outbound> outbound(UUID messageId) {
        return jdbc.sql("""
                        select id, status, error_code, provider_message_id, payload::text as payload
                        from outbound_messages where message_id = :id""")
                .param("id", messageId)
                .query((rs, n) -> new Outbound(
                        rs.getObject("id", UUID.class),
                        rs.getString("status"),
                        rs.getString("error_code"),
                        rs.getString("provider_message_id"),
                        rs.getString("payload")))
                .optional();
    }

    private String status(UUID messageId) {
        return outbound(messageId).map(Outbound::status).orElse("none");
    }

    private List<String> outboxSnapshot(Chat chat) {
        return jdbc.sql("""
                        select id || '|' || status || '|' || payload::text || '|' || updated_at
                        from outbound_messages where organization_id = :org order by id""")
                .param("org", UUID.fromString(chat.org()))
                .query(String.class)
                .list();
    }

    private Optional<UUID> deadLetterOf(UUID outboundId) {
        return jdbc.sql("select id from dead_letters where outbound_message_id = :id")
                .param("id", outboundId)
                .query(UUID.class)
                .optional();
    }

    @Test
    void should_clear_the_outbound_payload_of_anonymized_messages_only_and_change_nothing_on_a_rerun() {
        Chat chat = chat();
        UUID old = send(chat, "Your card 4111 is blocked, Ana.");
        UUID recent = send(chat, "Your parcel arrives tomorrow.");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> status(old).equals("sent") && status(recent).equals("sent"));
        age(old);
        retention(chat, "anonymize");

        sweep.sweep();

        Outbound anonymized = outbound(old).orElseThrow();
        assertThat(anonymized.payload())
                .doesNotContain("4111")
                .doesNotContain("Ana")
                .isEqualTo(ANONYMIZED_TEXT);
        assertThat(anonymized.status())
                .as("operations keep the delivery record")
                .isEqualTo("sent");
        assertThat(anonymized.providerMessageId()).isNotBlank();
        assertThat(outbound(recent).orElseThrow().payload()).contains("Your parcel arrives tomorrow.");

        List<String> before = outboxSnapshot(chat);
        sweep.sweep();
        assertThat(outboxSnapshot(chat)).isEqualTo(before);
    }

    @Test
    void should_refuse_to_replay_a_dead_letter_whose_content_was_removed_and_skip_it_in_bulk() {
        ResponseDefinitionBuilder rejected = GraphFake.error(400, 100, "Invalid parameter");
        Chat chat = chat(rejected, rejected, GraphFake.sentWithId("wamid.REPLAYED_RECENT"));
        UUID old = send(chat, "Old invoice 77-secret attached.");
        UUID recent = send(chat, "Recent invoice attached.");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> status(old).equals("failed") && status(recent).equals("failed"));
        UUID oldLetter = deadLetterOf(outbound(old).orElseThrow().id()).orElseThrow();
        age(old);
        retention(chat, "anonymize");

        sweep.sweep();

        String deadLetters = "/api/v1/organizations/" + chat.org() + "/dead-letters";
        Api.Response replay = api.post(deadLetters + "/" + oldLetter + "/replay", "{}");
        assertThat(replay.status()).as(replay.body()).isEqualTo(409);
        assertThat(replay.json().path("code").asString()).isEqualTo("content_removed");
        Api.Response bulk = api.post(deadLetters + "/replay", "{}");
        assertThat(bulk.status()).as(bulk.body()).isEqualTo(202);
        assertThat(bulk.json().path("replayed").asInt()).isEqualTo(1);
        assertThat(bulk.json().path("skipped").asInt()).isEqualTo(1);

        // Its fourth text to the contact: the per-recipient pacing (3 at once, then one per 6 s) may hold it back.
        await().atMost(Duration.ofSeconds(20)).until(() -> status(recent).equals("sent"));
        // Well past a replayed message's first attempt: the anonymized one never reached Graph again.
        time.advance(PAST_EVERY_RETRY);
        assertThat(chat.sendsOf("Old invoice")).isEqualTo(1);
        assertThat(GraphFake.sends(chat.bot().phoneNumberId())).hasSize(4);
        assertThat(status(old)).isEqualTo("failed");
        assertThat(api.get(deadLetters).json())
                .as("still open, never replayed")
                .singleElement()
                .satisfies(letter -> assertThat(letter.path("id").asString()).isEqualTo(oldLetter.toString()));
    }

    @Test
    void should_fail_a_queued_message_without_sending_it_when_its_content_was_removed_before_the_next_attempt() {
        // Throttled: the next attempt is 4 s (± 20 %) away, time enough for the sweep.
        Chat chat = chat(GraphFake.error(429, 130429, "Rate limit hit"), GraphFake.sent());
        UUID message = send(chat, "Retry me, secret 5555.");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> outbound(message)
                        .filter(o -> o.status().equals("queued") && "130429".equals(o.errorCode()))
                        .isPresent());
        age(message);
        retention(chat, "anonymize");

        sweep.sweep();

        await().atMost(Duration.ofSeconds(15)).until(() -> status(message).equals("failed"));
        Outbound failed = outbound(message).orElseThrow();
        assertThat(failed.errorCode()).isEqualTo("content_removed");
        assertThat(failed.payload()).doesNotContain("5555");
        assertThat(chat.sendsOf("Retry me")).as("only the throttled attempt").isEqualTo(1);
        assertThat(deadLetterOf(failed.id())).as("nothing to replay").isEmpty();
        assertThat(new Rows(jdbc).events(chat.org()))
                .anySatisfy(e -> assertThat(e.type()).isEqualTo("delivery.content_removed"));
    }

    @Test
    void should_delete_the_outbound_rows_and_dead_letters_of_deleted_messages() {
        ResponseDefinitionBuilder rejected = GraphFake.error(400, 100, "Invalid parameter");
        Chat chat = chat(rejected);
        UUID old = send(chat, "Delete me with my outbox row.");
        UUID recent = send(chat, "Keep me and my dead letter.");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> status(old).equals("failed") && status(recent).equals("failed"));
        UUID oldOutbound = outbound(old).orElseThrow().id();
        UUID recentOutbound = outbound(recent).orElseThrow().id();
        assertThat(deadLetterOf(oldOutbound)).isPresent();
        age(old);
        retention(chat, "delete");

        sweep.sweep();

        assertThat(outbound(old)).isEmpty();
        assertThat(deadLetterOf(oldOutbound)).isEmpty();
        assertThat(outbound(recent)).isPresent();
        assertThat(deadLetterOf(recentOutbound)).isPresent();
    }
}
