package io.parley.channels.whatsapp;

import static io.parley.channels.whatsapp.WhatsAppPayloads.newWamid;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.Tenants.WhatsAppBot;
import io.parley.testing.Webhooks;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * What a hostile sender can put into a webhook: a NUL (U+0000) in a text or profile name, a part PostgreSQL
 * refuses, thousands of phone number ids nobody connected. None of it may cost the other messages of the batch, make
 * Meta retry for days (a 5xx), or cost a query or an event per id.
 */
class WhatsAppWebhookHostileInputIntegrationTest extends IntegrationTestSupport {
    @Autowired
    MeterRegistry meters;

    private IngressProbe probe;

    @BeforeEach
    void setUp() {
        probe = new IngressProbe(api, jdbc);
    }

    @Test
    void should_store_every_message_without_nul_when_a_batch_has_nul_in_a_text_a_profile_name_and_a_caption() {
        WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String image = WhatsAppPayloads.fixtureFor("image", bot.phoneNumberId())
                .replace("This is the scratch", "This is the\\u0000 scratch");
        String batch = WhatsAppPayloads.batch(
                WhatsAppPayloads.textWithProfile(
                        bot.phoneNumberId(), "15551240001", "Ana\u0000 Bad", newWamid(), "Hel\u0000lo"),
                WhatsAppPayloads.text(bot.phoneNumberId(), "15551240002", newWamid(), "A normal message"),
                image);
        assertThat(batch).contains("\\u0000");

        Api.Response response = Webhooks.post(api, batch, bot.appSecret());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(probe.userMessages(bot))
                .extracting(m -> m.path("content").asString())
                .containsExactlyInAnyOrder("Hello", "A normal message", "This is the scratch on the box");
        assertThat(jdbc.sql("select display_name from contacts where chatbot_id = :bot and display_name is not null")
                        .param("bot", UUID.fromString(bot.chatbotId()))
                        .query(String.class)
                        .list())
                .contains("Ana Bad");
    }

    /**
     * A part PostgreSQL still refuses for its data (here a trigger answers 22P05, what it says to a NUL in jsonb)
     * is reported and skipped; the other messages of the batch are stored and the webhook is acknowledged, since a
     * redelivery would be refused the same way.
     */
    @Test
    void should_store_the_others_and_report_the_refused_one_when_postgresql_refuses_one_message_of_a_batch() {
        WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String refused = "wamid.REFUSED" + UUID.randomUUID().toString().replace("-", "");
        String stored = newWamid();
        String batch = WhatsAppPayloads.batch(
                WhatsAppPayloads.text(bot.phoneNumberId(), "15551240003", refused, "Refused by the database"),
                WhatsAppPayloads.text(bot.phoneNumberId(), "15551240004", stored, "Stored anyway"));
        String trigger = "refuse_" + UUID.randomUUID().toString().replace("-", "");

        Api.Response response;
        armRefusal(trigger, refused);
        try {
            response = Webhooks.post(api, batch, bot.appSecret());
        } finally {
            disarm(trigger);
        }

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(probe.onlyUserMessage(bot).path("providerMessageId").asString())
                .isEqualTo(stored);
        assertThat(probe.inboundEvents(refused)).isZero();
        JsonNode events = api.get(
                        "/api/v1/organizations/" + bot.organizationId() + "/events?type=whatsapp.part_not_stored")
                .json();
        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.path("level").asString()).isEqualTo("error");
            assertThat(event.path("payload").path("part").asString()).isEqualTo("message");
            assertThat(event.path("payload").path("providerId").asString()).isEqualTo(refused);
            assertThat(event.path("payload").path("reason").asString()).isEqualTo("sqlstate_22P05");
        });
    }

    /**
     * Anyone who knows the URL can name thousands of numbers nobody connected: one event per body (with the count
     * and a sample), each id looked up at most once a minute and in batches, never a query or an event per id.
     * Counted through the look-up's own metric.
     */
    @Test
    void should_record_one_event_and_look_each_id_up_once_when_bodies_name_thousands_of_unknown_numbers() {
        String prefix = "8" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        List<String> ids = IntStream.range(0, 5_000)
                .mapToObj(i -> prefix + "%08d".formatted(i))
                .toList();
        String body = statusesForUnknownNumbers(ids);
        double lookups = meters.counter("parley.whatsapp.number_lookups").count();
        double queries = meters.counter("parley.whatsapp.number_lookup_queries").count();

        Api.Response first = Webhooks.post(api, body, "any-secret-at-all");
        Api.Response again = Webhooks.post(api, body, "any-secret-at-all");

        assertThat(first.status()).isEqualTo(200);
        assertThat(again.status()).isEqualTo(200);
        assertThat(meters.counter("parley.whatsapp.number_lookups").count() - lookups)
                .as("each id once, though two bodies named it")
                .isEqualTo(5_000);
        assertThat(meters.counter("parley.whatsapp.number_lookup_queries").count() - queries)
                .as("a thousand ids per statement")
                .isEqualTo(5);
        List<String> events =
                jdbc.sql("""
                        select payload::text from system_events
                        where type = 'whatsapp.unknown_phone_number' and payload->>'phoneNumberId' like :prefix""").param("prefix", prefix + "%").query(String.class).list();
        assertThat(events).singleElement().satisfies(payload -> {
            JsonNode event = Api.json().readTree(payload);
            assertThat(event.path("numbers").asInt()).isEqualTo(5_000);
            assertThat(event.path("statuses").asInt()).isEqualTo(5_000);
            assertThat(event.path("sample")
                            .valueStream()
                            .map(JsonNode::asString)
                            .toList())
                    .containsExactlyElementsOf(ids.subList(0, 5));
        });
    }

    private void armRefusal(String name, String wamid) {
        jdbc.sql("""
                create function %1$s() returns trigger language plpgsql as $$
                begin
                    if new.provider_message_id = '%2$s' then
                        raise exception using errcode = '22P05', message = 'simulated refusal';
                    end if;
                    return new;
                end $$""".formatted(name, wamid)).update();
        jdbc.sql("create trigger %1$s before insert on messages for each row execute function %1$s()".formatted(name))
                .update();
    }

    private void disarm(String name) {
        jdbc.sql("drop trigger if exists %1$s on messages".formatted(name)).update();
        jdbc.sql("drop function if exists %1$s()".formatted(name)).update();
    }

    static String statusesForUnknownNumbers(List<String> phoneNumberIds) {
        StringBuilder entries = new StringBuilder();
        for (String id : phoneNumberIds) {
            if (!entries.isEmpty()) {
                entries.append(',');
            }
            entries.append("""
                    {"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",\
                    "metadata":{"phone_number_id":"%s"},"statuses":[{"id":"wamid.X%s","status":"delivered",\
                    "timestamp":"1749416383","recipient_id":"15550000000"}]}}]}""".formatted(id, id));
        }
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[" + entries + "]}";
    }
}
