package io.parley.channels.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.LlmFake;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /client/v1/messages} and the conversation routes on web, app and api channels: answers through the
 * normal turn pipeline, validation, keys, origins, guests, signed identities, paused bots, conversation tokens and
 * streams.
 */
class ClientMessagesIntegrationTest extends IntegrationTestSupport {
    private static final String ORIGIN = "https://shop.example";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void should_answer_with_the_bots_reply_and_a_conversation_token_when_a_web_visitor_writes() {
        ClientBots.Channel web = ClientBots.web(api, "We open at 9.", ORIGIN);
        Api.Response response = web.client(api)
                .post(
                        "/client/v1/messages",
                        ClientBots.message("req-1", "  When do you open?  ", "{\"deviceId\": \"device-1\"}"),
                        "Origin",
                        ORIGIN);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.path("requestId").asString()).isEqualTo("req-1");
        assertThat(body.path("conversationId").asString()).isNotBlank();
        assertThat(body.path("contactId").asString()).isNotBlank();
        assertThat(body.path("sessionId").asString()).isNotBlank();
        assertThat(body.path("conversationToken").asString()).startsWith("ct_");
        assertThat(body.path("replies")).hasSize(1);
        assertThat(body.path("replies").get(0).path("text").asString()).isEqualTo("We open at 9.");
        assertThat(response.raw().headers().firstValue("Access-Control-Allow-Origin"))
                .contains(ORIGIN);
        assertThat(jdbc.sql("select content from messages where conversation_id = :id and role = 'user'")
                        .param("id", UUID.fromString(body.path("conversationId").asString()))
                        .query(String.class)
                        .single())
                .as("stored trimmed")
                .isEqualTo("When do you open?");
    }

    @Test
    void should_show_secrets_only_when_connecting_and_rotate_them_with_patch() {
        ClientBots.Channel web = ClientBots.web(api, "Hi.", ORIGIN);
        assertThat(web.key()).startsWith("pk_");
        assertThat(web.identitySecret()).isNotBlank();
        Api.Response list = api.get("/api/v1/chatbots/" + web.chatbotId() + "/channels");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body())
                .as("a publishable key is listed, the identity secret never")
                .contains(web.key())
                .doesNotContain(web.identitySecret())
                .contains("\"type\":\"web\"")
                .contains(ORIGIN);
        ClientBots.Channel backend = ClientBots.api(api, "Hi.", null);
        assertThat(backend.key()).startsWith("sk_");
        assertThat(backend.signingSecret()).isNotBlank();
        Api.Response apiList = api.get("/api/v1/chatbots/" + backend.chatbotId() + "/channels");
        assertThat(apiList.body())
                .doesNotContain(backend.key())
                .doesNotContain(backend.signingSecret())
                .contains("keyHint");
        assertThat(jdbc.sql("select count(*) from client_channels where key_hash = :k")
                        .param("k", ClientKeys.sha256(web.key()))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        Api.Response rotated = api.patch("/api/v1/chatbots/" + web.chatbotId() + "/channels/" + web.channelId(), """
                {"rotate": ["key"], "acceptGuests": false, "widget": {"title": "Shop", "color": "#1A73E8"}}""");
        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String newKey = rotated.text("key");
        assertThat(newKey).startsWith("pk_").isNotEqualTo(web.key());
        assertThat(rotated.json().path("acceptGuests").asBoolean()).isFalse();

        assertThat(web.client(api)
                        .post("/client/v1/messages", ClientBots.message("r", "hi", null))
                        .status())
                .as("old key")
                .isEqualTo(401);
        Api.Response widget = api.withToken(null).get("/client/v1/widget?key=" + newKey);
        assertThat(widget.status()).as(widget.body()).isEqualTo(200);
        assertThat(widget.text("title")).isEqualTo("Shop");
        assertThat(widget.text("color")).isEqualTo("#1a73e8");
        assertThat(widget.json().path("acceptGuests").asBoolean()).isFalse();
    }

    @Test
    void should_refuse_bad_settings_when_connecting() {
        LlmFake llm = LlmFake.create().replies("x");
        String bot = ClientBots.chatbot(api, llm);
        for (String body : List.of(
                "{\"type\": \"web\", \"allowedOrigins\": [\"https://shop.example/path\"]}",
                "{\"type\": \"web\", \"allowedOrigins\": \"https://shop.example\"}",
                "{\"type\": \"web\", \"widget\": {\"color\": \"red\"}}",
                "{\"type\": \"web\", \"widget\": {\"avatarUrl\": \"http://img.example/a.png\"}}",
                "{\"type\": \"api\", \"callbackUrl\": \"ftp://backend.example/hook\"}",
                "{\"type\": \"app\", \"allowedOrigins\": []}")) {
            Api.Response response = api.post("/api/v1/chatbots/" + bot + "/channels", body);
            assertThat(response.status()).as(body + " → " + response.body()).isEqualTo(400);
        }
    }

    @Test
    void should_answer_validation_failed_for_a_bad_request_id_or_text() {
        ClientBots.Channel app = ClientBots.app(api, "Hi.", true);
        Api client = app.client(api);
        String tooLong = "x".repeat(10_001);
        for (String body : List.of(
                "{\"text\": \"hi\"}",
                "{\"requestId\": \"\", \"text\": \"hi\"}",
                "{\"requestId\": \"has space\", \"text\": \"hi\"}",
                "{\"requestId\": \"" + "a".repeat(129) + "\", \"text\": \"hi\"}",
                "{\"requestId\": \"ok\"}",
                "{\"requestId\": \"ok\", \"text\": \"   \\u0007  \"}",
                "{\"requestId\": \"ok\", \"text\": \"" + tooLong + "\"}",
                "{\"requestId\": \"ok\", \"text\": 5}",
                "{\"requestId\": \"ok\", \"text\": \"hi\", \"user\": {\"phone\": \"12\"}}",
                "[1, 2]")) {
            Api.Response response = client.post("/client/v1/messages", body);
            assertThat(response.status())
                    .as(body.substring(0, Math.min(60, body.length())) + " → " + response.body())
                    .isEqualTo(400);
            assertThat(response.text("code")).isEqualTo("validation_failed");
        }
        String exactly = " " + "y".repeat(10_000) + "\n";
        assertThat(client.post(
                                "/client/v1/messages?wait=0",
                                "{\"requestId\": \"max:1\", \"text\": \"" + exactly.replace("\n", "\\n")
                                        + "\", \"user\": {\"deviceId\": \"d\"}}")
                        .status())
                .as("10,000 after trimming")
                .isIn(200, 202);
    }

    @Test
    void should_remove_control_characters_and_normalize_to_nfc() {
        ClientBots.Channel app = ClientBots.app(api, "Noted.", true);
        Api.Response response = app.client(api)
                .post(
                        "/client/v1/messages",
                        "{\"requestId\": \"nfc\", \"text\": \"Cafe\\u0301\\u0000\\u001b ok\\n\\tdone\", "
                                + "\"user\": {\"deviceId\": \"dev-nfc\"}}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(jdbc.sql("select content from messages where conversation_id = :id and role = 'user'")
                        .param("id", UUID.fromString(response.text("conversationId")))
                        .query(String.class)
                        .single())
                .isEqualTo("Caf\u00e9 ok\n\tdone");
    }

    @Test
    void should_answer_invalid_key_without_a_known_key() {
        ClientBots.web(api, "Hi.", ORIGIN);
        for (String key : List.of("pk_unknown", "")) {
            Api.Response response = api.withToken(key).post("/client/v1/messages", ClientBots.message("r", "hi", null));
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.text("code")).isEqualTo("invalid_key");
        }
        Api.Response adminToken = api.post("/client/v1/messages", ClientBots.message("r", "hi", null));
        assertThat(adminToken.status()).as("the admin token is no channel key").isEqualTo(401);
    }

    @Test
    void should_refuse_an_origin_that_is_not_allowed_and_answer_any_preflight() throws Exception {
        ClientBots.Channel web = ClientBots.web(api, "Hi.", ORIGIN, "http://localhost:8080");
        Api.Response other = web.client(api)
                .post(
                        "/client/v1/messages",
                        ClientBots.message("o-1", "hi", "{\"deviceId\": \"d\"}"),
                        "Origin",
                        "https://evil.example");
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.text("code")).isEqualTo("origin_not_allowed");
        Api.Response allowed = web.client(api)
                .post(
                        "/client/v1/messages",
                        ClientBots.message("o-2", "hi", "{\"deviceId\": \"d\"}"),
                        "Origin",
                        "http://localhost:8080");
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);

        HttpResponse<String> preflight = HTTP.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/client/v1/messages"))
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                        .header("Origin", "https://anything.example")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "authorization, content-type")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isEqualTo(204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
                .contains("https://anything.example");
        assertThat(preflight
                        .headers()
                        .firstValue("Access-Control-Allow-Methods")
                        .orElse(""))
                .contains("POST");
        assertThat(preflight
                        .headers()
                        .firstValue("Access-Control-Allow-Headers")
                        .orElse("")
                        .toLowerCase())
                .contains("authorization")
                .contains("content-type")
                .contains("x-conversation-token");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials"))
                .isEmpty();
    }

    @Test
    void should_require_an_identity_when_the_channel_accepts_no_guests() {
        ClientBots.Channel app = ClientBots.app(api, "Hello member.", false);
        for (String user : List.of("{}", "{\"deviceId\": \"dev-1\"}")) {
            Api.Response guest = app.client(api).post("/client/v1/messages", ClientBots.message("g", "hi", user));
            assertThat(guest.status()).as(guest.body()).isEqualTo(401);
            assertThat(guest.text("code")).isEqualTo("identity_required");
        }
        Api.Response member = app.client(api)
                .post("/client/v1/messages", ClientBots.message("m", "hi", "{\"email\": \"Ana@Example.com\"}"));
        assertThat(member.status()).as(member.body()).isEqualTo(200);
        assertThat(jdbc.sql("select value from contact_identities where contact_id = :c and kind = 'email'")
                        .param("c", UUID.fromString(member.text("contactId")))
                        .query(String.class)
                        .single())
                .isEqualTo("ana@example.com");
    }

    @Test
    void should_accept_a_guest_without_any_identity_when_guests_are_welcome() {
        ClientBots.Channel app = ClientBots.app(api, "Hello guest.", true);
        Api.Response guest = app.client(api).post("/client/v1/messages", ClientBots.message("g-1", "hi", null));
        assertThat(guest.status()).as(guest.body()).isEqualTo(200);
        assertThat(guest.json().path("replies").get(0).path("text").asString()).isEqualTo("Hello guest.");
    }

    @Test
    void should_check_the_user_hash_against_the_identity_secret() throws Exception {
        ClientBots.Channel web = ClientBots.web(api, "Hi Ana.", ORIGIN);
        String good = hmac(web.identitySecret(), "user-42");
        Api.Response wrong = web.client(api)
                .post(
                        "/client/v1/messages",
                        ClientBots.message(
                                "h-1",
                                "hi",
                                "{\"externalId\": \"user-42\", \"userHash\": \"" + hmac("other-secret", "user-42")
                                        + "\"}"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.text("code")).isEqualTo("invalid_user_hash");
        Api.Response otherUser = web.client(api)
                .post(
                        "/client/v1/messages",
                        ClientBots.message(
                                "h-2", "hi", "{\"externalId\": \"user-43\", \"userHash\": \"" + good + "\"}"));
        assertThat(otherUser.status()).isEqualTo(401);
        Api.Response signed = web.client(api)
                .post(
                        "/client/v1/messages",
                        ClientBots.message(
                                "h-3",
                                "hi",
                                "{\"externalId\": \"user-42\", \"userHash\": \"" + good.toUpperCase() + "\"}"));
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
    }

    @Test
    void should_keep_unsigned_web_claims_away_from_a_verified_contact_and_let_a_signed_user_in() throws Exception {
        ClientBots.Channel backend = ClientBots.api(api, "Hello.", null);
        ClientBots.Channel web = ClientBots.connect(
                api,
                backend.chatbotId(),
                backend.llm(),
                "{\"type\": \"web\", \"allowedOrigins\": [\"" + ORIGIN + "\"]}");
        String email = "vip-" + UUID.randomUUID() + "@example.com";
        Api.Response verified = backend.client(api)
                .post(
                        "/client/v1/messages",
                        ClientBots.message("v-1", "hi", "{\"externalId\": \"crm-9\", \"email\": \"" + email + "\"}"));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        String verifiedContact = verified.text("contactId");

        String claim = "{\"email\": \"" + email + "\"}";
        Api.Response claimed = web.client(api).post("/client/v1/messages", ClientBots.message("w-1", "hi", claim));
        assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
        assertThat(claimed.text("contactId"))
                .as("an unsigned claim of a verified email")
                .isNotEqualTo(verifiedContact);
        Api.Response retried = web.client(api).post("/client/v1/messages", ClientBots.message("w-1", "hi", claim));
        assertThat(retried.status()).as("the retry is still the same request").isEqualTo(409);
        assertThat(retried.text("code")).isEqualTo("duplicate_request");

        Api.Response signed = web.client(api)
                .post(
                        "/client/v1/messages",
                        ClientBots.message(
                                "w-2",
                                "hi",
                                "{\"externalId\": \"crm-9\", \"userHash\": \"" + hmac(web.identitySecret(), "crm-9")
                                        + "\"}"));
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        assertThat(signed.text("contactId")).isEqualTo(verifiedContact);

        JsonNode contact = api.get("/api/v1/organizations/" + backend.organizationId() + "/contacts/" + verifiedContact)
                .json();
        assertThat(contact.path("tier").asString()).isEqualTo("verified");
        assertThat(api.get("/api/v1/organizations/" + backend.organizationId() + "/contacts/"
                                + claimed.text("contactId"))
                        .body())
                .doesNotContain(email);
    }

    @Test
    void should_answer_chatbot_paused_when_the_bot_is_paused() {
        ClientBots.Channel api1 = ClientBots.api(api, "Hi.", null);
        assertThat(api.patch("/api/v1/chatbots/" + api1.chatbotId(), "{\"active\": false}")
                        .status())
                .isEqualTo(200);
        Api.Response paused = api1.client(api)
                .post("/client/v1/messages", ClientBots.message("p-1", "hi", "{\"externalId\": \"cust-1\"}"));
        assertThat(paused.status()).isEqualTo(409);
        assertThat(paused.text("code")).isEqualTo("chatbot_paused");
        assertThat(api1.llm().requests()).isEmpty();
    }

    @Test
    void should_not_show_a_conversation_to_another_visitor_channel_or_tenant() {
        ClientBots.Channel web = ClientBots.web(api, "Hi.", ORIGIN);
        Api client = web.client(api);
        Api.Response mine =
                client.post("/client/v1/messages", ClientBots.message("i-1", "hi", "{\"deviceId\": \"a\"}"));
        Api.Response theirs =
                client.post("/client/v1/messages", ClientBots.message("i-1", "hi", "{\"deviceId\": \"b\"}"));
        assertThat(mine.status()).isEqualTo(200);
        assertThat(theirs.status()).isEqualTo(200);
        String path = "/client/v1/conversations/" + mine.text("conversationId") + "/messages";

        Api.Response own = client.getWithHeaders(path, "X-Conversation-Token", mine.text("conversationToken"));
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().path("messages"))
                .extracting(m -> m.path("author").asString())
                .containsExactly("contact", "bot");
        assertThat(client.getWithHeaders(path, "X-Conversation-Token", theirs.text("conversationToken"))
                        .status())
                .as("another visitor's token")
                .isEqualTo(404);
        assertThat(client.get(path).status()).as("no token").isEqualTo(404);
        assertThat(client.getWithHeaders("/client/v1/conversations/not-a-uuid/messages", "X-Conversation-Token", "x")
                        .status())
                .isEqualTo(404);

        ClientBots.Channel otherTenant = ClientBots.web(api, "Hi.", ORIGIN);
        assertThat(otherTenant
                        .client(api)
                        .getWithHeaders(path, "X-Conversation-Token", mine.text("conversationToken"))
                        .status())
                .as("another tenant's key")
                .isEqualTo(404);
        ClientBots.Channel apiChannel = ClientBots.api(api, "Hi.", null);
        assertThat(apiChannel.client(api).get(path).status())
                .as("another tenant's api key")
                .isEqualTo(404);
        assertThat(api.withToken(null)
                        .getRaw(path + "?key=" + web.key() + "&conversationToken=" + mine.text("conversationToken"))
                        .status())
                .as("key and token as query parameters")
                .isEqualTo(200);
    }

    @Test
    void should_show_a_human_agents_reply_after_the_last_message() {
        ClientBots.Channel web = ClientBots.web(api, "A person will help.", ORIGIN);
        Api client = web.client(api);
        Api.Response first =
                client.post("/client/v1/messages", ClientBots.message("a-1", "help", "{\"deviceId\": \"h\"}"));
        String conversation = first.text("conversationId");
        String lastReply = first.json().path("replies").get(0).path("id").asString();
        assertThat(api.post("/api/v1/conversations/" + conversation + "/messages", "{\"text\": \"Hi, I am Sam.\"}")
                        .status())
                .isEqualTo(202);

        Api.Response after = client.getWithHeaders(
                "/client/v1/conversations/" + conversation + "/messages?after=" + lastReply,
                "X-Conversation-Token",
                first.text("conversationToken"));
        assertThat(after.status()).as(after.body()).isEqualTo(200);
        assertThat(after.json().path("messages")).hasSize(1);
        assertThat(after.json().path("messages").get(0).path("author").asString())
                .isEqualTo("agent");
        assertThat(after.json().path("messages").get(0).path("text").asString()).isEqualTo("Hi, I am Sam.");
    }

    @Test
    void should_stream_accepted_message_and_done_when_the_client_asks_for_events() throws Exception {
        ClientBots.Channel web = ClientBots.web(api, "Streamed hello.", ORIGIN);
        HttpResponse<Stream<String>> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(api.base() + "/client/v1/messages"))
                        .header("Authorization", "Bearer " + web.key())
                        .header("Content-Type", "application/json")
                        .header("Accept", "text/event-stream")
                        .header("Origin", ORIGIN)
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(
                                ClientBots.message("s-1", "hi", "{\"deviceId\": \"s\"}")))
                        .build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<String> lines = response.body().toList();
        List<String> events = lines.stream()
                .filter(l -> l.startsWith("event: "))
                .map(l -> l.substring(7))
                .toList();
        // The fake model streams its answer in one piece: one delta before the message (ClientStreamingIntegrationTest)
        assertThat(events).containsExactly("accepted", "delta", "message", "done");
        assertThat(lines).anyMatch(l -> l.startsWith("data: ") && l.contains("Streamed hello."));
        assertThat(lines).anyMatch(l -> l.startsWith("data: ") && l.contains("conversationToken"));
    }

    @Test
    void should_push_a_human_agents_reply_on_the_event_stream() throws Exception {
        ClientBots.Channel web = ClientBots.web(api, "Let me get someone.", ORIGIN);
        Api.Response first = web.client(api)
                .post("/client/v1/messages", ClientBots.message("e-1", "help", "{\"deviceId\": \"ev\"}"));
        String conversation = first.text("conversationId");
        List<String> received = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + "/client/v1/conversations/"
                        + conversation + "/events?key=" + web.key() + "&conversationToken="
                        + first.text("conversationToken")))
                .header("Accept", "text/event-stream")
                .header("Origin", ORIGIN)
                .GET()
                .build();
        CompletableFuture<HttpResponse<Stream<String>>> stream =
                HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        CompletableFuture<Void> reading = stream.thenAcceptAsync(r -> r.body().forEach(received::add));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.stream().anyMatch(l -> l.startsWith("retry:")));

        assertThat(api.post("/api/v1/conversations/" + conversation + "/messages", "{\"text\": \"Sam here.\"}")
                        .status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> received.stream()
                        .anyMatch(l -> l.startsWith("data: ") && l.contains("Sam here.") && l.contains("\"agent\"")));
        assertThat(received).anyMatch(l -> l.startsWith("id: "));
        assertThat(received).noneMatch(l -> l.contains("Let me get someone."));
        reading.cancel(true);
        stream.join().body().close();
    }

    static String hmac(String secret, String value) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(value.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @SuppressWarnings("unused")
    private static List<String> copy(List<String> lines) {
        return new ArrayList<>(lines);
    }
}
