package io.parley.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Rows;
import io.parley.testing.Tenants;
import io.parley.testing.Webhooks;
import io.parley.testing.WhatsAppChat;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Failures Meta reports only in a status webhook, after it accepted the message (answered with a wamid): a dead
 * letter and a system event, once, in the webhook's transaction; status order still wins.
 */
class ReportedFailuresIntegrationTest extends IntegrationTestSupport {

    /** An agent message Meta accepted as {@code wamid}; later sends get {@code wamid + "-2"}. */
    private record Accepted(Tenants.WhatsAppBot bot, WhatsAppChat chat, String messageId, String wamid) {
        Api.Response report(Api api, String payload) {
            Api.Response ack = Webhooks.post(api, payload, bot.appSecret());
            assertThat(ack.status()).as(ack.body()).isEqualTo(200);
            return ack;
        }

        String failed(int code, String title) {
            return WhatsAppPayloads.failedStatus(bot.phoneNumberId(), wamid, chat.waId(), code, title, title + ".");
        }

        JsonNode delivery() {
            return AgentMessages.delivery(chat, messageId);
        }
    }

    private Accepted accepted(Api api) {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        WhatsAppChat chat = WhatsAppChat.answered(api, bot);
        String wamid = "wamid.ACCEPTED_" + UUID.randomUUID();
        GraphFake.sendsRespondInSequence(
                bot.phoneNumberId(), GraphFake.sentWithId(wamid), GraphFake.sentWithId(wamid + "-2"));
        Api.Response sent = api.post(
                "/api/v1/conversations/" + chat.conversationId() + "/messages",
                "{\"text\": \"Your courier arrives at noon.\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        Accepted accepted = new Accepted(bot, chat, sent.json().path("id").asString(), wamid);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> accepted.delivery().path("status").asString().equals("sent"));
        return accepted;
    }

    private List<JsonNode> openDeadLetters(Accepted accepted) {
        JsonNode letters = api.get("/api/v1/organizations/" + accepted.bot().organizationId() + "/dead-letters")
                .json();
        return java.util.stream.StreamSupport.stream(letters.spliterator(), false)
                .toList();
    }

    private List<Rows.Event> events(Accepted accepted, String type) {
        return new Rows(jdbc)
                .events(accepted.bot().organizationId()).stream()
                        .filter(e -> e.type().equals(type))
                        .toList();
    }

    @Test
    void should_dead_letter_once_when_meta_reports_a_sent_message_failed_twice() {
        Accepted accepted = accepted(api);

        accepted.report(api, accepted.failed(131026, "Message undeliverable"));
        accepted.report(api, accepted.failed(131026, "Message undeliverable"));

        JsonNode delivery = accepted.delivery();
        assertThat(delivery.path("status").asString()).isEqualTo("failed");
        assertThat(delivery.path("error").path("code").asString()).isEqualTo("131026");
        assertThat(openDeadLetters(accepted)).singleElement().satisfies(letter -> {
            assertThat(letter.path("messageId").asString()).isEqualTo(accepted.messageId());
            assertThat(letter.path("reason").asString()).isEqualTo("131026");
            assertThat(letter.path("transientFailure").asBoolean()).isFalse();
        });
        assertThat(events(accepted, "delivery.failure_reported"))
                .singleElement()
                .satisfies(event -> {
                    assertThat(event.level()).isEqualTo("error");
                    assertThat(event.payload().path("code").asString()).isEqualTo("131026");
                    assertThat(event.payload().path("deadLetterId").asString())
                            .isEqualTo(openDeadLetters(accepted)
                                    .getFirst()
                                    .path("id")
                                    .asString());
                });
    }

    @Test
    void should_change_nothing_when_meta_reports_failed_after_delivered() {
        Accepted accepted = accepted(api);
        accepted.report(
                api,
                WhatsAppPayloads.status(
                        accepted.bot().phoneNumberId(),
                        accepted.wamid(),
                        "delivered",
                        accepted.chat().waId()));

        accepted.report(api, accepted.failed(131026, "Message undeliverable"));

        assertThat(accepted.delivery().path("status").asString()).isEqualTo("delivered");
        assertThat(openDeadLetters(accepted)).isEmpty();
        assertThat(events(accepted, "delivery.failure_reported")).isEmpty();
    }

    @Test
    void should_dead_letter_a_pair_rate_limit_reported_later_as_transient() {
        Accepted accepted = accepted(api);

        accepted.report(api, accepted.failed(131056, "Pair rate limit hit"));

        assertThat(accepted.delivery().path("status").asString()).isEqualTo("failed");
        assertThat(openDeadLetters(accepted)).singleElement().satisfies(letter -> {
            assertThat(letter.path("reason").asString()).isEqualTo("131056");
            assertThat(letter.path("transientFailure").asBoolean()).isTrue();
        });
    }

    @Test
    void should_end_as_window_closed_when_meta_reports_a_re_engagement_failure() {
        Accepted accepted = accepted(api);

        accepted.report(api, accepted.failed(131047, "Re-engagement message"));
        accepted.report(api, accepted.failed(131047, "Re-engagement message"));

        JsonNode delivery = accepted.delivery();
        assertThat(delivery.path("status").asString()).isEqualTo("window_closed");
        assertThat(delivery.path("error").path("code").asString()).isEqualTo("window_closed");
        assertThat(openDeadLetters(accepted)).singleElement().satisfies(letter -> {
            assertThat(letter.path("reason").asString()).isEqualTo("window_closed");
            assertThat(letter.path("transientFailure").asBoolean()).isFalse();
        });
        assertThat(events(accepted, "delivery.window_closed"))
                .singleElement()
                .satisfies(event ->
                        assertThat(event.payload().path("reason").asString()).isEqualTo("meta_131047"));
    }

    @Test
    void should_send_again_with_a_new_wamid_when_a_reported_failure_is_replayed() {
        Accepted accepted = accepted(api);
        accepted.report(api, accepted.failed(131026, "Message undeliverable"));
        String letterId = openDeadLetters(accepted).getFirst().path("id").asString();

        Api.Response replay = api.post(
                "/api/v1/organizations/" + accepted.bot().organizationId() + "/dead-letters/" + letterId + "/replay",
                "{}");

        assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        accepted.delivery().path("providerMessageId").asString().equals(accepted.wamid() + "-2"));
        assertThat(accepted.delivery().path("status").asString()).isEqualTo("sent");
        time.advance(PAST_EVERY_RETRY);
        assertThat(GraphFake.sends(accepted.bot().phoneNumberId()).stream()
                        .filter(r -> r.getBodyAsString().contains("courier"))
                        .count())
                .isEqualTo(2);
        assertThat(openDeadLetters(accepted)).isEmpty();
    }

    @Test
    void should_ignore_a_late_report_about_the_wamid_a_replayed_message_had_before() {
        Accepted accepted = accepted(api);
        String outboundId = jdbc.sql("select id from outbound_messages where message_id = cast(:m as uuid)")
                .param("m", accepted.messageId())
                .query(UUID.class)
                .single()
                .toString();
        String oldFailure = WhatsAppPayloads.failedStatusWithCallback(
                accepted.bot().phoneNumberId(),
                accepted.wamid(),
                accepted.chat().waId(),
                131026,
                "Message undeliverable",
                outboundId);
        accepted.report(api, oldFailure);
        String letterId = openDeadLetters(accepted).getFirst().path("id").asString();
        assertThat(api.post(
                                "/api/v1/organizations/" + accepted.bot().organizationId() + "/dead-letters/" + letterId
                                        + "/replay",
                                "{}")
                        .status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        accepted.delivery().path("providerMessageId").asString().equals(accepted.wamid() + "-2"));

        // Meta delivers the first attempt's failure once more, late, with our outbound id echoed back.
        accepted.report(api, oldFailure);

        JsonNode delivery = accepted.delivery();
        assertThat(delivery.path("status").asString()).isEqualTo("sent");
        assertThat(delivery.path("providerMessageId").asString()).isEqualTo(accepted.wamid() + "-2");
        assertThat(openDeadLetters(accepted)).isEmpty();
        assertThat(events(accepted, "delivery.failure_reported")).hasSize(1);
        // A report about the current id still counts.
        accepted.report(
                api,
                WhatsAppPayloads.statusWithCallback(
                        accepted.bot().phoneNumberId(),
                        accepted.wamid() + "-2",
                        "delivered",
                        accepted.chat().waId(),
                        outboundId));
        assertThat(accepted.delivery().path("status").asString()).isEqualTo("delivered");
    }
}
