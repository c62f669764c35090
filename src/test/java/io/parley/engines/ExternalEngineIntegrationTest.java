package io.parley.engines;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.testing.Api;
import io.parley.testing.Fakes;
import io.parley.testing.GraphFake;
import io.parley.testing.Tenants;
import io.parley.testing.TimeTestSupport;
import io.parley.testing.WhatsAppChat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * A chatbot on the external engine, its endpoint a WireMock stub: each turn is POSTed signed like alert webhooks and
 * what the endpoint answers (texts, buttons, a handover, contact variables) reaches the contact through the Graph
 * fake; a timeout, a 5xx, or an answer outside the contract sends the chatbot's error message with an
 * {@code external_engine.failed} event. On a clock that stands still: the turn runs when the test moves time.
 */
class ExternalEngineIntegrationTest extends TimeTestSupport {
    private Tenants.WhatsAppBot bot;
    private String path;
    private String secret;

    @BeforeEach
    void botOnTheExternalEngine() {
        bot = Tenants.offlineBot(api, "[]");
        GraphFake.acceptStructuredSends(bot.phoneNumberId());
        path = "/engine/" + UUID.randomUUID() + "/turns";
        Api.Response endpoint = api.put(engine(), """
                {"url": "%s", "timeoutMs": 1000}""".formatted(Fakes.baseUrl() + path));
        assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(200);
        secret = endpoint.text("secret");
        Api.Response switched = api.patch("/api/v1/chatbots/" + bot.chatbotId(), "{\"engine\": \"external\"}");
        assertThat(switched.status()).as(switched.body()).isEqualTo(200);
    }

    @Test
    void should_post_the_turn_signed_and_send_the_endpoints_texts_to_the_contact() throws Exception {
        endpointAnswers(okJson("""
                {"messages": [{"text": "Hi Ana!"}, {"text": "What size do you have in mind?"}]}"""));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Hello");
        time.advance(DEBOUNCE);
        long askedAt = time.now().getEpochSecond();
        time.advance(PAST_EVERY_RETRY); // the second bubble follows the first after a short pause

        assertThat(chat.awaitReceived(2)).containsExactly("Hi Ana!", "What size do you have in mind?");
        LoggedRequest request = requests().getFirst();
        String timestamp = request.getHeader("X-Parley-Timestamp");
        assertThat(timestamp).isEqualTo(Long.toString(askedAt));
        assertThat(request.getHeader("X-Parley-Signature"))
                .isEqualTo("sha256=" + hmac(secret, timestamp + "." + request.getBodyAsString()))
                .isNotEqualTo("sha256=" + hmac(secret + "x", timestamp + "." + request.getBodyAsString()));
        JsonNode body = Api.json().readTree(request.getBodyAsString());
        assertThat(body.path("event").asString()).isEqualTo("turn");
        assertThat(body.path("organizationId").asString()).isEqualTo(bot.organizationId());
        assertThat(body.path("chatbotId").asString()).isEqualTo(bot.chatbotId());
        assertThat(body.path("conversationId").asString()).isEqualTo(chat.conversationId());
        assertThat(body.path("channel").asString()).isEqualTo("whatsapp");
        assertThat(body.path("contact").path("phone").asString()).isEqualTo("+" + chat.waId());
        assertThat(body.path("contact").path("name").asString()).isEqualTo("Ana");
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.path("messages").get(0).path("text").asString()).isEqualTo("Hello");
        assertThat(body.path("messages").get(0).path("type").asString()).isEqualTo("text");
        assertThat(body.path("session").path("id").asString()).isNotEmpty();
        assertThat(body.path("context").path("engine").asString()).isEqualTo("external");
        assertThat(request.getHeader("Idempotency-Key"))
                .isEqualTo("turn-" + body.path("messages").get(0).path("id").asString());
        assertThat(request.getHeader("X-Parley-Delivery-Id")).isEqualTo(request.getHeader("Idempotency-Key"));
        assertThat(outcomes(chat)).containsExactly("answered");
    }

    @Test
    void should_send_buttons_as_an_interactive_message() {
        endpointAnswers(okJson("""
                {"messages": [{"text": "Which style?",
                               "buttons": [{"id": "fine_line", "title": "Fine line"}, {"id": "bold", "title": "Bold"}]}]}"""));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("I want a tattoo");
        time.advance(DEBOUNCE);

        List<LoggedRequest> sent = GraphFake.sendsOfType(bot.phoneNumberId(), "interactive");
        assertThat(sent).hasSize(1);
        JsonNode interactive =
                Api.json().readTree(sent.getFirst().getBodyAsString()).path("interactive");
        assertThat(interactive.path("type").asString()).isEqualTo("button");
        assertThat(interactive.path("body").path("text").asString()).isEqualTo("Which style?");
        assertThat(interactive.path("action").path("buttons").findValuesAsString("id"))
                .containsExactly("fine_line", "bold");
        assertThat(interactive.path("action").path("buttons").findValuesAsString("title"))
                .containsExactly("Fine line", "Bold");
    }

    @Test
    void should_hand_the_conversation_to_a_person_and_stop_asking_the_endpoint() {
        endpointAnswers(okJson("""
                {"messages": [{"text": "A person from the studio will answer you here."}], "handover": true}"""));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Can I talk to the artist?");
        time.advance(DEBOUNCE);

        assertThat(chat.awaitReceived(1)).containsExactly("A person from the studio will answer you here.");
        assertThat(api.get("/api/v1/conversations/" + chat.conversationId())
                        .json()
                        .path("owner")
                        .asString())
                .isEqualTo("human");
        chat.says("Hello?");
        time.advance(PAST_EVERY_RETRY);
        assertThat(requests()).hasSize(1);
        assertThat(chat.received()).hasSize(1);
    }

    @Test
    void should_set_the_contacts_variables_and_show_them_on_the_next_turn() {
        endpointAnswers(okJson("""
                {"messages": [{"text": "Noted."}], "variables": {"style": "fine line", "sessions": 2, "vip": true}}"""));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("Fine line please");
        time.advance(DEBOUNCE);
        chat.awaitReceived(1);
        String contactId = Api.json()
                .readTree(requests().getFirst().getBodyAsString())
                .path("contact")
                .path("id")
                .asString();

        JsonNode variables = contact(contactId).path("variables");
        assertThat(variables.path("style").asString()).isEqualTo("fine line");
        assertThat(variables.path("sessions").asInt()).isEqualTo(2);
        assertThat(variables.path("vip").asBoolean()).isTrue();

        endpointAnswers(okJson("""
                {"messages": [{"text": "Forgotten."}], "variables": {"style": null}}"""));
        chat.says("Actually, not sure about the style");
        time.advance(DEBOUNCE);
        chat.awaitReceived(2);
        JsonNode second = Api.json().readTree(requests().getLast().getBodyAsString());
        assertThat(second.path("contact").path("variables").path("style").asString())
                .isEqualTo("fine line");
        assertThat(contact(contactId).path("variables").has("style")).isFalse();
        assertThat(contact(contactId).path("variables").path("sessions").asInt())
                .isEqualTo(2);
    }

    @Test
    void should_send_the_error_message_and_record_an_event_when_the_endpoint_times_out() {
        endpointAnswers(okJson("{\"messages\": [{\"text\": \"too late\"}]}").withFixedDelay(5_000));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Hello");
        time.advance(DEBOUNCE);

        assertThat(chat.awaitReceived(1)).containsExactly("ERROR-FALLBACK");
        assertThat(failures()).singleElement().satisfies(event -> {
            assertThat(event.path("level").asString()).isEqualTo("warn");
            assertThat(event.path("conversationId").asString()).isEqualTo(chat.conversationId());
            assertThat(event.path("payload").path("reason").asString()).isEqualTo("timeout");
            assertThat(event.toString()).doesNotContain(secret, path);
        });
        assertThat(outcomes(chat)).containsExactly("fallback");
        assertThat(fallbackReasons(chat)).containsExactly("external_engine_timeout");
    }

    @Test
    void should_send_the_error_message_when_the_endpoint_answers_500() {
        endpointAnswers(aResponse().withStatus(500).withBody("{\"messages\": [{\"text\": \"oops\"}]}"));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Hello");
        time.advance(DEBOUNCE);

        assertThat(chat.awaitReceived(1)).containsExactly("ERROR-FALLBACK");
        assertThat(failures()).singleElement().satisfies(event -> {
            assertThat(event.path("payload").path("reason").asString()).isEqualTo("http_status");
            assertThat(event.path("payload").path("status").asInt()).isEqualTo(500);
        });
        assertThat(outcomes(chat)).containsExactly("fallback");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "this is not JSON",
                "[{\"text\": \"an array, not an object\"}]",
                "{\"messages\": [{\"txt\": \"a misspelt member\"}]}",
                "{\"messages\": [{\"text\": \"\"}]}",
                "{\"messages\": {\"text\": \"an object, not an array\"}}",
                "{\"messages\": [{\"text\": \"four buttons\", \"buttons\": [{\"id\": \"a\", \"title\": \"A\"},"
                        + " {\"id\": \"b\", \"title\": \"B\"}, {\"id\": \"c\", \"title\": \"C\"},"
                        + " {\"id\": \"d\", \"title\": \"D\"}]}]}",
                "{\"messages\": [{\"text\": \"a long title\", \"buttons\": [{\"id\": \"a\","
                        + " \"title\": \"a title far longer than twenty characters\"}]}]}",
                "{\"handover\": \"yes\"}",
                "{\"variables\": {\"nested\": {\"no\": 1}}}",
                "{\"messages\": [], \"reply\": \"an unknown member\"}"
            })
    void should_send_the_error_message_when_the_answer_is_not_the_contract(String answer) {
        endpointAnswers(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(answer));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Hello");
        time.advance(DEBOUNCE);

        assertThat(chat.awaitReceived(1)).containsExactly("ERROR-FALLBACK");
        assertThat(GraphFake.sendsOfType(bot.phoneNumberId(), "interactive")).isEmpty();
        assertThat(failures()).singleElement().satisfies(event -> {
            assertThat(event.path("payload").path("reason").asString()).isEqualTo("malformed_reply");
            assertThat(event.path("payload").path("detail").asString()).isNotEmpty();
        });
        assertThat(outcomes(chat)).containsExactly("fallback");
    }

    @Test
    void should_send_the_error_message_when_the_answer_is_larger_than_64_kb() {
        endpointAnswers(okJson("{\"messages\": [{\"text\": \"" + "a".repeat(70 * 1024) + "\"}]}"));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Hello");
        time.advance(DEBOUNCE);

        assertThat(chat.awaitReceived(1)).containsExactly("ERROR-FALLBACK");
        assertThat(failures())
                .singleElement()
                .satisfies(
                        event -> assertThat(event.path("payload").path("reason").asString())
                                .isEqualTo("response_too_large"));
    }

    @Test
    void should_send_one_answer_when_a_turn_runs_again_after_its_first_commit_was_lost() {
        endpointAnswers(okJson("{\"messages\": [{\"text\": \"Only once\"}]}"));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        String name = "lost_commit_" + UUID.randomUUID().toString().replace("-", "");
        loseTheFirstTurnCommit(name);
        try {
            chat.says("Hello");
            time.advance(DEBOUNCE);
            assertThat(requests())
                    .as("the first run asked the endpoint, then its commit failed")
                    .hasSize(1);
            assertThat(chat.received()).isEmpty();

            time.advance(Duration.ofSeconds(2)); // the turn job's first retry
        } finally {
            jdbc.sql("drop trigger " + name + " on turns").update();
            jdbc.sql("drop function " + name + "()").update();
            jdbc.sql("drop sequence " + name).update();
        }

        assertThat(chat.awaitReceived(1)).containsExactly("Only once");
        List<LoggedRequest> requests = requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).getHeader("Idempotency-Key"))
                .isEqualTo(requests.get(0).getHeader("Idempotency-Key"));
        time.advance(PAST_EVERY_RETRY);
        assertThat(chat.received()).containsExactly("Only once");
        assertThat(outcomes(chat)).containsExactly("answered");
    }

    @Test
    void should_refuse_a_private_url_with_the_egress_policys_400() {
        Api.Response refused = api.put(engine(), "{\"url\": \"https://10.1.2.3/turns\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("egress_refused");
        assertThat(refused.json().path("field").asString()).isEqualTo("url");
        assertThat(api.get(engine()).text("url")).isEqualTo(Fakes.baseUrl() + path);
    }

    @Test
    void should_refuse_plain_http_to_a_public_host() {
        Api.Response refused = api.put(engine(), "{\"url\": \"http://93.184.215.14/turns\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("egress_refused");
        assertThat(refused.body()).contains("https");
    }

    @Test
    void should_show_the_endpoint_without_its_secret_and_rotate_the_secret_only_when_asked_or_moved() {
        Api.Response read = api.get(engine());
        Api.Response timeout = api.put(engine(), """
                {"url": "%s", "timeoutMs": 5000}""".formatted(Fakes.baseUrl() + path));
        Api.Response rotated = api.put(engine(), """
                {"url": "%s", "rotateSecret": true}""".formatted(Fakes.baseUrl() + path));
        Api.Response moved = api.put(engine(), """
                {"url": "%s"}""".formatted(Fakes.baseUrl().replace("localhost", "127.0.0.1") + path));

        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("url")).isEqualTo(Fakes.baseUrl() + path);
        assertThat(read.json().path("timeoutMs").asLong()).isEqualTo(1000);
        assertThat(read.json().has("secret")).isFalse();
        assertThat(read.body()).doesNotContain(secret);
        assertThat(timeout.status()).as(timeout.body()).isEqualTo(200);
        assertThat(timeout.json().path("timeoutMs").asLong()).isEqualTo(5000);
        assertThat(timeout.json().has("secret"))
                .as("same URL: the secret is kept")
                .isFalse();
        assertThat(rotated.text("secret")).isNotBlank().isNotEqualTo(secret);
        assertThat(rotated.json().path("timeoutMs").asLong()).isEqualTo(5000);
        assertThat(moved.text("secret")).as("another origin: a new secret").isNotBlank();
        assertThat(jdbc.sql("select secret_sealed from external_engines where chatbot_id = :bot")
                        .param("bot", UUID.fromString(bot.chatbotId()))
                        .query(byte[].class)
                        .single())
                .asString(StandardCharsets.ISO_8859_1)
                .doesNotContain(moved.text("secret"));
    }

    @Test
    void should_refuse_a_timeout_outside_one_to_thirty_seconds() {
        Api.Response tooShort = api.put(engine(), """
                {"url": "%s", "timeoutMs": 999}""".formatted(Fakes.baseUrl() + path));
        Api.Response tooLong = api.put(engine(), """
                {"url": "%s", "timeoutMs": 30001}""".formatted(Fakes.baseUrl() + path));

        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.body()).contains("timeoutMs");
        assertThat(tooLong.status()).isEqualTo(400);
    }

    @Test
    void should_answer_404_for_another_organizations_chatbot() {
        String otherOrg = Tenants.organization(api, "Other " + UUID.randomUUID());
        String otherKey = api.post(
                        "/api/v1/organizations/" + otherOrg + "/api-keys", "{\"name\": \"a\", \"role\": \"admin\"}")
                .text("key");
        Api other = api.withToken(otherKey);

        assertThat(other.get(engine()).status()).isEqualTo(404);
        assertThat(other.put(engine(), "{\"url\": \"https://example.com/turns\"}")
                        .status())
                .isEqualTo(404);
        assertThat(other.delete(engine()).status()).isEqualTo(404);
        assertThat(api.get(engine()).text("url")).isEqualTo(Fakes.baseUrl() + path);
    }

    @Test
    void should_refuse_to_remove_the_endpoint_while_the_chatbot_runs_on_it() {
        Api.Response inUse = api.delete(engine());
        api.patch("/api/v1/chatbots/" + bot.chatbotId(), "{\"engine\": \"agent\"}");
        Api.Response removed = api.delete(engine());
        Api.Response again = api.patch("/api/v1/chatbots/" + bot.chatbotId(), "{\"engine\": \"external\"}");

        assertThat(inUse.status()).isEqualTo(409);
        assertThat(inUse.text("code")).isEqualTo("external_engine_in_use");
        assertThat(removed.status()).isEqualTo(204);
        assertThat(api.get(engine()).status()).isEqualTo(404);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("external_engine_not_configured");
    }

    /** The next insert of a turn of this organization fails once, as a commit lost to a crash would. */
    private void loseTheFirstTurnCommit(String name) {
        jdbc.sql("create sequence " + name).update();
        jdbc.sql("""
                        create function %s() returns trigger language plpgsql as $$
                        begin
                            if new.organization_id = '%s' then
                                if nextval('%s') = 1 then
                                    raise exception 'the first commit of this turn is lost';
                                end if;
                            end if;
                            return new;
                        end $$""".formatted(name, bot.organizationId(), name)).update();
        jdbc.sql("create trigger %s before insert on turns for each row execute function %s()".formatted(name, name))
                .update();
    }

    private String engine() {
        return "/api/v1/chatbots/" + bot.chatbotId() + "/external-engine";
    }

    private void endpointAnswers(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder response) {
        Fakes.wiremock().stubFor(post(urlPathEqualTo(path)).willReturn(response));
    }

    private List<LoggedRequest> requests() {
        return Fakes.wiremock().findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    private List<JsonNode> failures() {
        JsonNode events = api.get(
                        "/api/v1/organizations/" + bot.organizationId() + "/events?type=external_engine.failed")
                .json();
        return StreamSupport.stream(events.spliterator(), false).toList();
    }

    private JsonNode contact(String contactId) {
        Api.Response contact = api.get("/api/v1/organizations/" + bot.organizationId() + "/contacts/" + contactId);
        assertThat(contact.status()).as(contact.body()).isEqualTo(200);
        return contact.json();
    }

    private List<String> outcomes(WhatsAppChat chat) {
        return jdbc.sql("select outcome from turns where conversation_id = :id order by started_at")
                .param("id", UUID.fromString(chat.conversationId()))
                .query(String.class)
                .list();
    }

    private List<String> fallbackReasons(WhatsAppChat chat) {
        return jdbc.sql("select fallback_reason from turns where conversation_id = :id order by started_at")
                .param("id", UUID.fromString(chat.conversationId()))
                .query(String.class)
                .list();
    }

    private static String hmac(String secret, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
