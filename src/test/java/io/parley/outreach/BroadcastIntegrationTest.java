package io.parley.outreach;

import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.ServiceWindowRows;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Broadcasts on the wire: the Graph fake shows who got the text; the database shows what was (not) stored. */
class BroadcastIntegrationTest extends IntegrationTestSupport {
    private static final String TEXT = "Our store opens at 8 tomorrow";

    @Test
    void should_answer_400_and_store_nothing_when_a_broadcast_has_101_contacts() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String phones = IntStream.range(0, 101)
                .mapToObj(i -> "\"+49151" + (1_000_000 + i) + "\"")
                .collect(Collectors.joining(","));

        Api.Response response = api.post(broadcasts(bot), body(phones, TEXT));

        assertProblem(response, 400, "too_many_contacts");
        assertThat(count("select count(*) from broadcasts where chatbot_id = cast(:bot as uuid)", bot))
                .isZero();
        assertThat(count("select count(*) from contacts where chatbot_id = cast(:bot as uuid)", bot))
                .isZero();
        assertThat(count("select count(*) from conversations where chatbot_id = cast(:bot as uuid)", bot))
                .isZero();
    }

    @Test
    void should_send_once_per_contact_and_report_each_rejection_when_entries_repeat_or_are_invalid() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        Tenants.WhatsAppBot other = Tenants.offlineBot(api, "[]");
        WhatsAppChat known = WhatsAppChat.start(api, bot);
        known.says("Hi");
        String knownId = contactOf(known.conversationId());
        WhatsAppChat foreign = WhatsAppChat.start(api, other);
        foreign.says("Hi");
        String foreignId = contactOf(foreign.conversationId());
        String newPhone = newPhone();

        Api.Response response = api.post(
                broadcasts(bot),
                body(
                        String.join(
                                ",",
                                quote("+" + newPhone),
                                quote(newPhone.substring(0, 4) + " " + newPhone.substring(4)),
                                quote(knownId),
                                quote("+" + known.waId()),
                                quote("call me maybe"),
                                quote(UUID.randomUUID().toString()),
                                quote(foreignId)),
                        TEXT));

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        JsonNode result = response.json();
        assertThat(result.path("total").asInt()).isEqualTo(5);
        assertThat(result.path("queued").asInt()).isEqualTo(2);
        assertThat(result.path("rejected").asInt()).isEqualTo(3);
        assertThat(statusOf(result, "+" + newPhone)).isEqualTo("queued");
        assertThat(statusOf(result, knownId)).isEqualTo("queued");
        assertThat(reasonOf(result, "call me maybe")).isEqualTo("invalid_phone");
        assertThat(reasonOf(result, foreignId)).isEqualTo("unknown_contact");
        assertThat(result.toString()).doesNotContain(other.organizationId());
        // Free text reaches the contact who wrote today; the number that never wrote has no open 24-hour window, so
        // its message ends as window_closed instead of a blind send Meta would refuse (131047).
        await().atMost(Duration.ofSeconds(15)).until(() -> !broadcastSends(bot).isEmpty());
        assertThat(broadcastSends(bot)).containsExactly(known.waId());
        await().atMost(Duration.ofSeconds(15))
                .until(() -> jdbc.sql("""
                        select count(*) from outbound_messages o join contact_identities i on i.value = '+' || :phone
                        join conversations v on v.id = o.conversation_id and v.contact_id = i.contact_id
                        where o.status = 'window_closed'""")
                                .param("phone", newPhone)
                                .query(Integer.class)
                                .single()
                        == 1);
        assertThat(GraphFake.sends(other.phoneNumberId()).stream()
                        .filter(r -> r.getBodyAsString().contains(TEXT))
                        .toList())
                .isEmpty();
        assertThat(jdbc.sql("""
                        select count(*) from conversations v join contact_identities i on i.contact_id = v.contact_id
                        where v.chatbot_id = cast(:bot as uuid) and i.kind = 'phone' and i.value = '+' || :phone""")
                        .param("bot", bot.chatbotId())
                        .param("phone", newPhone)
                        .query(Integer.class)
                        .single())
                .as("a conversation for the number that never wrote")
                .isEqualTo(1);
    }

    @Test
    void should_answer_the_first_result_without_sending_again_when_the_idempotency_key_repeats() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String phone = newPhone();
        ServiceWindowRows.openFor(jdbc, bot, phone);
        String key = "launch-" + UUID.randomUUID();

        Api.Response first = api.post(broadcasts(bot), body(quote("+" + phone), TEXT), "Idempotency-Key", key);
        Api.Response second = api.post(broadcasts(bot), body(quote("+" + phone), TEXT), "Idempotency-Key", key);
        Api.Response changed =
                api.post(broadcasts(bot), body(quote("+" + phone), "Another text"), "Idempotency-Key", key);

        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(second.status()).as(second.body()).isEqualTo(202);
        assertThat(second.text("id")).isEqualTo(first.text("id"));
        assertThat(second.json().path("results").get(0).path("messageId").asString())
                .isEqualTo(first.json().path("results").get(0).path("messageId").asString());
        assertProblem(changed, 409, "idempotency_key_reused");
        await().atMost(Duration.ofSeconds(15)).until(() -> !broadcastSends(bot).isEmpty());
        assertThat(count(
                        "select count(*) from messages m join conversations v on v.id = m.conversation_id "
                                + "where v.chatbot_id = cast(:bot as uuid) and m.role = 'agent'",
                        bot))
                .isEqualTo(1);
        assertThat(broadcastSends(bot)).containsExactly(phone);
    }

    @Test
    void should_answer_400_and_store_nothing_when_the_idempotency_key_is_blank_or_longer_than_255() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String phone = newPhone();

        assertProblem(
                api.post(broadcasts(bot), body(quote("+" + phone), TEXT), "Idempotency-Key", " "),
                400,
                "validation_failed");
        assertProblem(
                api.post(broadcasts(bot), body(quote("+" + phone), TEXT), "Idempotency-Key", "k".repeat(256)),
                400,
                "validation_failed");
        assertThat(count("select count(*) from broadcasts where chatbot_id = cast(:bot as uuid)", bot))
                .isZero();
    }

    @Test
    void should_send_a_template_to_a_number_that_never_wrote_when_the_broadcast_names_one() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        GraphFake.acceptStructuredSends(bot.phoneNumberId());
        String phone = newPhone();

        Api.Response response = api.post(
                broadcasts(bot),
                "{\"contacts\": [\"+" + phone + "\"], \"template\": "
                        + "{\"name\": \"order_update\", \"language\": \"en_US\", \"parameters\": [\"A-17\"]}}");

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.json().path("queued").asInt()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(15))
                .until(() ->
                        !GraphFake.sendsOfType(bot.phoneNumberId(), "template").isEmpty());
        JsonNode sent = Api.json()
                .readTree(GraphFake.sendsOfType(bot.phoneNumberId(), "template")
                        .getFirst()
                        .getBodyAsString());
        assertThat(sent.path("to").asString()).isEqualTo(phone);
        assertThat(sent.path("template").path("name").asString()).isEqualTo("order_update");
        assertThat(sent.path("template")
                        .path("components")
                        .get(0)
                        .path("parameters")
                        .get(0)
                        .path("text")
                        .asString())
                .isEqualTo("A-17");
    }

    @Test
    void should_answer_400_and_store_nothing_when_the_template_or_the_body_is_invalid() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String contacts = "\"contacts\": [\"+" + newPhone() + "\"]";

        assertProblem(
                api.post(
                        broadcasts(bot),
                        "{" + contacts + ", \"template\": {\"name\": \"Bad Name\", " + "\"language\": \"en_US\"}}"),
                400,
                "validation_failed");
        assertProblem(
                api.post(
                        broadcasts(bot),
                        "{" + contacts + ", \"message\": {\"text\": \"Hi\"}, "
                                + "\"template\": {\"name\": \"order_update\", \"language\": \"en_US\"}}"),
                400,
                "validation_failed");
        assertThat(count("select count(*) from contacts where chatbot_id = cast(:bot as uuid)", bot))
                .isZero();
    }

    private List<String> broadcastSends(Tenants.WhatsAppBot bot) {
        return GraphFake.sends(bot.phoneNumberId()).stream()
                .map(LoggedRequest::getBodyAsString)
                .filter(b -> b.contains(TEXT))
                .map(b -> Api.json().readTree(b).path("to").asString())
                .toList();
    }

    private static String statusOf(JsonNode result, String contact) {
        return entry(result, contact).path("status").asString();
    }

    private static String reasonOf(JsonNode result, String contact) {
        JsonNode entry = entry(result, contact);
        assertThat(entry.path("status").asString()).isEqualTo("rejected");
        return entry.path("reason").asString();
    }

    private static JsonNode entry(JsonNode result, String contact) {
        for (JsonNode entry : result.path("results")) {
            if (entry.path("contact").asString().equals(contact)) {
                return entry;
            }
        }
        throw new AssertionError("No result for " + contact + " in " + result);
    }

    private String contactOf(String conversationId) {
        return jdbc.sql("select contact_id from conversations where id = cast(:id as uuid)")
                .param("id", conversationId)
                .query(String.class)
                .single();
    }

    private int count(String sql, Tenants.WhatsAppBot bot) {
        return jdbc.sql(sql).param("bot", bot.chatbotId()).query(Integer.class).single();
    }

    static String newPhone() {
        return "4915" + ThreadLocalRandom.current().nextLong(10_000_000L, 99_999_999L);
    }

    static String broadcasts(Tenants.WhatsAppBot bot) {
        return "/api/v1/chatbots/" + bot.chatbotId() + "/broadcasts";
    }

    private static String quote(String value) {
        return "\"" + value + "\"";
    }

    private static String body(String contactsJson, String text) {
        return "{\"contacts\": [" + contactsJson + "], \"message\": {\"text\": \"" + text + "\"}}";
    }
}
