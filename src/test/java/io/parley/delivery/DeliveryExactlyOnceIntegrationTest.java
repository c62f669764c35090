package io.parley.delivery;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.Rows;
import io.parley.testing.Tenants;
import io.parley.testing.TimeTestSupport;
import io.parley.testing.Webhooks;
import io.parley.testing.WhatsAppChat;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One intent, one message on the phone: Idempotency-Key, a lost Graph answer reconciled by the status webhook, and
 * a dead letter replayed once. After a lost answer Parley waits 30 s for a status report (confirmation-wait); the
 * clock stands still until the test moves it past that.
 */
class DeliveryExactlyOnceIntegrationTest extends TimeTestSupport {
    /** Longer than the confirmation wait and any backoff: a resend would have happened by then. */
    private static final Duration LATER = Duration.ofMinutes(10);

    private record Chat(Tenants.WhatsAppBot bot, WhatsAppChat chat) {
        List<LoggedRequest> sendsOf(String text) {
            return GraphFake.sends(bot.phoneNumberId()).stream()
                    .filter(r -> r.getBodyAsString().contains(text))
                    .toList();
        }
    }

    /** A conversation whose bot reply went out; later sends meet {@code graphResponses} (the last one repeats). */
    private Chat chat(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder... graphResponses) {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        WhatsAppChat chat = answered(bot);
        GraphFake.sendsRespondInSequence(bot.phoneNumberId(), graphResponses);
        return new Chat(bot, chat);
    }

    private Api.Response send(Chat chat, String idempotencyKey, String text) {
        return api.post(
                "/api/v1/conversations/" + chat.chat().conversationId() + "/messages",
                "{\"text\": \"" + text + "\"}",
                "Idempotency-Key",
                idempotencyKey);
    }

    @Test
    void should_answer_the_same_id_and_send_once_when_an_idempotency_key_is_replayed() {
        Chat chat = chat(GraphFake.sent());

        Api.Response first = send(chat, "order-42-refund", "Your refund was approved.");
        Api.Response again = send(chat, "order-42-refund", "Your refund was approved.");
        Api.Response other = send(chat, "order-42-refund", "Something else entirely.");

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.json().path("status").asString()).isEqualTo("queued");
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().path("id").asString())
                .isEqualTo(first.json().path("id").asString());
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().path("code").asString()).isEqualTo("idempotency_key_reused");
        time.runDue();
        assertThat(chat.sendsOf("refund was approved")).hasSize(1);
        Api.Response late = send(chat, "order-42-refund", "Your refund was approved.");
        assertThat(late.json().path("id").asString())
                .isEqualTo(first.json().path("id").asString());
        time.runDue();
        assertThat(AgentMessages.delivery(chat.chat(), first.json().path("id").asString())
                        .path("status")
                        .asString())
                .isEqualTo("sent");
        assertThat(send(chat, "order-42-refund", "Your refund was approved.")
                        .json()
                        .path("status")
                        .asString())
                .as("a replayed key answers the current status")
                .isEqualTo("sent");
        time.advance(LATER);
        assertThat(chat.sendsOf("refund was approved")).hasSize(1);
        assertThat(chat.sendsOf("Something else")).isEmpty();
    }

    @Test
    void should_answer_400_and_send_nothing_when_the_idempotency_key_is_blank_or_longer_than_255() {
        Chat chat = chat(GraphFake.sent());

        Api.Response blank = send(chat, " ", "Blank key message.");
        Api.Response tooLong = send(chat, "k".repeat(256), "Long key message.");

        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.json().path("code").asString()).isEqualTo("validation_failed");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.json().path("code").asString()).isEqualTo("validation_failed");
        assertThat(jdbc.sql("select count(*) from messages where conversation_id = cast(:id as uuid) "
                                + "and content like '%key message.'")
                        .param("id", chat.chat().conversationId())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void should_not_send_again_when_meta_accepted_but_the_answer_was_lost_and_the_status_webhook_reconciles() {
        Chat chat = chat(aResponse().withFault(Fault.EMPTY_RESPONSE), GraphFake.sentWithId("wamid.SECOND_SEND"));
        String id =
                send(chat, "lost-1", "Your table is booked.").json().path("id").asString();
        time.runDue();
        assertThat(chat.sendsOf("table is booked")).hasSize(1);
        JsonNode sent =
                Api.json().readTree(chat.sendsOf("table is booked").getFirst().getBodyAsString());
        String callback = sent.path("biz_opaque_callback_data").asString();
        assertThat(callback).isNotBlank();

        // Meta had accepted it: its status report carries our id and the wamid we never got.
        Api.Response webhook = Webhooks.post(
                api,
                WhatsAppPayloads.statusWithCallback(
                        chat.bot().phoneNumberId(),
                        "wamid.ACCEPTED_BUT_LOST",
                        "sent",
                        chat.chat().waId(),
                        callback),
                chat.bot().appSecret());

        assertThat(webhook.status()).isEqualTo(200);
        JsonNode delivery = AgentMessages.delivery(chat.chat(), id);
        assertThat(delivery.path("status").asString()).isEqualTo("sent");
        assertThat(delivery.path("providerMessageId").asString()).isEqualTo("wamid.ACCEPTED_BUT_LOST");
        time.advance(LATER);
        assertThat(chat.sendsOf("table is booked"))
                .as("sent once: the status report confirmed it")
                .hasSize(1);
        assertThat(AgentMessages.delivery(chat.chat(), id)
                        .path("providerMessageId")
                        .asString())
                .isEqualTo("wamid.ACCEPTED_BUT_LOST");
    }

    @Test
    void should_list_a_rejected_message_as_a_dead_letter_and_deliver_it_once_when_replayed_twice() {
        Chat chat = chat(GraphFake.error(400, 100, "Invalid parameter"), GraphFake.sentWithId("wamid.REPLAYED"));
        String org = chat.bot().organizationId();
        String id = send(chat, "dead-1", "Your invoice is attached.")
                .json()
                .path("id")
                .asString();
        time.runDue();
        assertThat(AgentMessages.delivery(chat.chat(), id).path("status").asString())
                .isEqualTo("failed");

        JsonNode letters =
                api.get("/api/v1/organizations/" + org + "/dead-letters").json();
        assertThat(letters).hasSize(1);
        JsonNode letter = letters.get(0);
        assertThat(letter.path("messageId").asString()).isEqualTo(id);
        assertThat(letter.path("reason").asString()).isEqualTo("100");
        assertThat(letter.path("attempts").asInt()).isEqualTo(1);
        assertThat(letter.path("transientFailure").asBoolean()).isFalse();
        String letterId = letter.path("id").asString();
        assertThat(new Rows(jdbc).events(org))
                .filteredOn(e -> e.type().equals("delivery.rejected"))
                .singleElement()
                .satisfies(e ->
                        assertThat(e.payload().path("deadLetterId").asString()).isEqualTo(letterId));
        Tenants.WhatsAppBot stranger = Tenants.offlineBot(api, "[]");
        assertThat(api.get("/api/v1/organizations/" + stranger.organizationId() + "/dead-letters")
                        .json())
                .isEmpty();
        assertThat(api.post(
                                "/api/v1/organizations/" + stranger.organizationId() + "/dead-letters/" + letterId
                                        + "/replay",
                                "{}")
                        .status())
                .isEqualTo(404);

        Api.Response replay = api.post("/api/v1/organizations/" + org + "/dead-letters/" + letterId + "/replay", "{}");
        Api.Response twice = api.post("/api/v1/organizations/" + org + "/dead-letters/" + letterId + "/replay", "{}");
        Api.Response bulk = api.post("/api/v1/organizations/" + org + "/dead-letters/replay", "{\"reason\": \"100\"}");

        assertThat(replay.status()).isEqualTo(202);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(bulk.status()).isEqualTo(202);
        assertThat(bulk.json().path("replayed").asInt()).isZero();
        time.runDue();
        assertThat(AgentMessages.delivery(chat.chat(), id)
                        .path("providerMessageId")
                        .asString())
                .isEqualTo("wamid.REPLAYED");
        time.advance(LATER);
        assertThat(chat.sendsOf("invoice is attached")).hasSize(2);
        assertThat(api.get("/api/v1/organizations/" + org + "/dead-letters").json())
                .as("open")
                .isEmpty();
        assertThat(api.get("/api/v1/organizations/" + org + "/dead-letters?state=replayed")
                        .json())
                .singleElement()
                .satisfies(l -> assertThat(l.path("replayedBy").asString()).isEqualTo("operator"));
    }

    @Test
    void should_refuse_a_since_or_until_outside_the_years_1_to_9999_with_a_400_naming_the_field() {
        String letters = "/api/v1/organizations/" + Tenants.organization(api, "Far " + java.util.UUID.randomUUID())
                + "/dead-letters";

        Api.Response overflow = api.get(letters + "?since=-999999999-01-01T00:00:00Z");
        Api.Response beyondPostgres = api.get(letters + "?until=%2B300000-01-01T00:00:00Z");
        Api.Response widest = api.get(letters + "?since=0001-01-01T00:00:00Z&until=9999-12-31T00:00:00Z");

        assertThat(overflow.status()).as(overflow.body()).isEqualTo(400);
        assertThat(overflow.json().path("field").asString()).isEqualTo("since");
        assertThat(beyondPostgres.status()).as(beyondPostgres.body()).isEqualTo(400);
        assertThat(beyondPostgres.json().path("field").asString()).isEqualTo("until");
        assertThat(widest.status()).as(widest.body()).isEqualTo(200);
        assertThat(widest.json()).isEmpty();
    }

    @Test
    void should_replay_dead_letters_in_bulk_by_filter() {
        Chat chat = chat(GraphFake.error(400, 131026, "Message undeliverable"), GraphFake.sentWithId("wamid.BULK"));
        String org = chat.bot().organizationId();
        String id = send(chat, "bulk-1", "Bulk replay me.").json().path("id").asString();
        time.runDue();
        assertThat(api.get("/api/v1/organizations/" + org + "/dead-letters").json())
                .hasSize(1);

        Api.Response none = api.post("/api/v1/organizations/" + org + "/dead-letters/replay", "{\"reason\": \"100\"}");
        Api.Response matching = api.post(
                "/api/v1/organizations/" + org + "/dead-letters/replay",
                "{\"reason\": \"131026\", \"lane\": \"conversational\"}");

        assertThat(none.json().path("replayed").asInt()).isZero();
        assertThat(matching.json().path("replayed").asInt()).isEqualTo(1);
        time.runDue();
        assertThat(AgentMessages.delivery(chat.chat(), id)
                        .path("providerMessageId")
                        .asString())
                .isEqualTo("wamid.BULK");
        assertThat(api.post("/api/v1/organizations/" + org + "/dead-letters/replay", "{\"lane\": \"bogus\"}")
                        .status())
                .isEqualTo(400);
    }
}
