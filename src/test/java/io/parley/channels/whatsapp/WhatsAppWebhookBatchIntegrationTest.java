package io.parley.channels.whatsapp;

import static io.parley.channels.whatsapp.WhatsAppPayloads.newWamid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.Tenants.WhatsAppBot;
import io.parley.testing.Webhooks;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** What one POST stores: every message of a batch, only what its signature covers, all or nothing. */
class WhatsAppWebhookBatchIntegrationTest extends IntegrationTestSupport {
    /** Wamids of the messages in src/test/resources/whatsapp/batch.json, all addressed to its first number. */
    private static final List<String> BATCH_WAMIDS = List.of(
            "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUYOQTAxQjAyQzAzRDA0RTA1RgA=",
            "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUYPQjAxQzAyRDAzRTA0RjA1QQA=",
            "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUYQRDAxRTAyRjAzQTA0QjA1QwA=",
            "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQzQUYRRTAxRjAyQTAzQjA0QzA1RAA=");

    private static final String BATCH_SECOND_NUMBER = "113269274970227";

    private IngressProbe probe;

    @BeforeEach
    void setUp() {
        probe = new IngressProbe(api, jdbc);
    }

    /**
     * One Meta app signs one POST, so a body mixing numbers of two apps can be authentic for one of them at most.
     * The numbers whose secret verifies are stored; the others are dropped (their tenant is told by a system event),
     * and the POST is still acknowledged because retrying the same bytes cannot make the other secret match.
     */
    @Test
    void should_store_only_the_numbers_whose_app_secret_signed_when_a_batch_spans_two_tenants() {
        WhatsAppBot first = Tenants.offlineBot(api, "[]");
        WhatsAppBot second = Tenants.offlineBot(api, "[]");
        String secondWamid = newWamid();
        String batch = WhatsAppPayloads.batch(
                WhatsAppPayloads.fixtureFor("batch", first.phoneNumberId())
                        .replace(BATCH_SECOND_NUMBER, second.phoneNumberId()),
                WhatsAppPayloads.text(second.phoneNumberId(), "447700900999", secondWamid, "Second tenant here"));

        Api.Response signedByFirst = Webhooks.post(api, batch, first.appSecret());

        assertThat(signedByFirst.status()).isEqualTo(200);
        assertThat(probe.userMessages(first))
                .extracting(m -> m.path("providerMessageId").asString())
                .containsExactlyInAnyOrderElementsOf(BATCH_WAMIDS);
        assertThat(probe.conversations(first)).hasSize(3);
        assertThat(probe.conversations(second)).isEmpty();
        assertThat(probe.inboundEvents(secondWamid)).isZero();
        assertThat(probe.systemEvents("whatsapp.signature_rejected", second.phoneNumberId()))
                .hasSize(1);

        Api.Response signedBySecond = Webhooks.post(api, batch, second.appSecret());

        assertThat(signedBySecond.status()).isEqualTo(200);
        assertThat(probe.onlyUserMessage(second).path("content").asString()).isEqualTo("Second tenant here");
        assertThat(probe.userMessages(first))
                .as("the first tenant's messages, stored once")
                .hasSize(4);
    }

    @Test
    void should_store_every_message_in_order_when_one_change_carries_three() {
        WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String customer = "15551230002";
        List<String> wamids = List.of(newWamid(), newWamid(), newWamid());
        String body = WhatsAppPayloads.inOneChange(
                WhatsAppPayloads.textWithProfile(bot.phoneNumberId(), customer, "Rui", wamids.get(0), "one"),
                WhatsAppPayloads.text(bot.phoneNumberId(), customer, wamids.get(1), "two"),
                WhatsAppPayloads.text(bot.phoneNumberId(), customer, wamids.get(2), "three"));
        assertThat(Api.json().readTree(body).at("/entry/0/changes/0/value/messages"))
                .hasSize(3);

        Api.Response response = Webhooks.post(api, body, bot.appSecret());

        assertThat(response.status()).isEqualTo(200);
        assertThat(probe.conversations(bot)).hasSize(1);
        List<JsonNode> messages = probe.userMessages(bot);
        assertThat(messages).extracting(m -> m.path("content").asString()).containsExactly("one", "two", "three");
        assertThat(messages)
                .extracting(m -> m.path("providerMessageId").asString())
                .containsExactlyElementsOf(wamids);
    }

    /**
     * Storing fails → 5xx, so Meta delivers again; nothing half-stored may make the redelivery look like a
     * duplicate. The failure is a trigger in this context's database, armed for one wamid only: on the dedupe
     * ledger (the first write) and on the message itself (after the ledger row, so only a rollback removes it).
     */
    @ParameterizedTest(name = "insert into {0} fails")
    @CsvSource({"inbound_events, provider_event_id", "messages, provider_message_id"})
    void should_answer_500_and_store_nothing_when_the_database_fails_then_store_once_when_redelivered(
            String table, String column) {
        WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("Back online.");
        String wamid = "wamid.FAIL" + UUID.randomUUID().toString().replace("-", "");
        String body = WhatsAppPayloads.text(bot.phoneNumberId(), "15551230003", wamid, "Anyone there?");
        String trigger = "fail_" + UUID.randomUUID().toString().replace("-", "");

        Api.Response failed;
        armFailure(trigger, table, column, wamid);
        try {
            failed = Webhooks.post(api, body, bot.appSecret());
        } finally {
            disarm(trigger, table);
        }

        assertThat(failed.status()).isEqualTo(500);
        assertThat(failed.body()).doesNotContain("simulated outage").doesNotContain(table);
        assertThat(probe.inboundEvents(wamid)).isZero();
        assertThat(probe.conversations(bot)).isEmpty();
        assertThat(jdbc.sql("select count(*) from contacts where chatbot_id = :bot")
                        .param("bot", UUID.fromString(bot.chatbotId()))
                        .query(Integer.class)
                        .single())
                .isZero();

        Api.Response redelivered = Webhooks.post(api, body, bot.appSecret());

        assertThat(redelivered.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> GraphFake.sends(bot.phoneNumberId()).size() == 1);
        time.advance(PAST_EVERY_RETRY);
        assertThat(GraphFake.sends(bot.phoneNumberId())).hasSize(1);
        assertThat(bot.llm().requests()).hasSize(1);
        assertThat(probe.onlyUserMessage(bot).path("providerMessageId").asString())
                .isEqualTo(wamid);
        assertThat(probe.inboundEvents(wamid)).isEqualTo(1);
    }

    private void armFailure(String name, String table, String column, String wamid) {
        jdbc.sql("""
                create function %1$s() returns trigger language plpgsql as $$
                begin
                    if new.%2$s = '%3$s' then
                        raise exception 'simulated outage';
                    end if;
                    return new;
                end $$""".formatted(name, column, wamid)).update();
        jdbc.sql("create trigger %1$s before insert on %2$s for each row execute function %1$s()"
                        .formatted(name, table))
                .update();
    }

    private void disarm(String name, String table) {
        jdbc.sql("drop trigger if exists %1$s on %2$s".formatted(name, table)).update();
        jdbc.sql("drop function if exists %1$s()".formatted(name)).update();
    }
}
