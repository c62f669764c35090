package io.parley.channels.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The route-table hostile corpus reaches {@code /client/v1} only without a channel key (401 before any parsing);
 * this sends broken, wrong-typed, NUL-laden, deep and huge input with a valid key: never a 5xx.
 */
class ClientHostileInputIntegrationTest extends IntegrationTestSupport {

    @Test
    void should_never_answer_5xx_to_hostile_client_requests_with_a_valid_key() {
        ClientBots.Channel web = ClientBots.web(api, "Hi.", "https://shop.example");
        Api client = web.client(api);
        Api.Response ok = client.post("/client/v1/messages", ClientBots.message("h-ok", "hi", "{\"deviceId\": \"d\"}"));
        assertThat(ok.status()).isEqualTo(200);
        String conversation = ok.text("conversationId");
        String token = ok.text("conversationToken");

        List<String> bodies = new ArrayList<>(List.of(
                "",
                "null",
                "[]",
                "\"text\"",
                "{",
                "{}",
                "{\"requestId\": null}",
                "{\"requestId\": 1, \"text\": \"x\"}",
                "{\"requestId\": [], \"text\": \"x\"}",
                "{\"requestId\": {}, \"text\": \"x\"}",
                "{\"requestId\": \"a\", \"text\": []}",
                "{\"requestId\": \"a\", \"text\": {\"a\": 1}}",
                "{\"requestId\": \"a\", \"text\": \"x\", \"user\": \"x\"}",
                "{\"requestId\": \"a\", \"text\": \"x\", \"user\": []}",
                "{\"requestId\": \"a\", \"text\": \"x\", \"newSession\": \"yes\"}",
                "{\"requestId\": \"a\\u0000b\", \"text\": \"x\"}",
                "{\"requestId\": \"nul-1\", \"text\": \"\\u0000\\u0000\"}",
                "{\"requestId\": \"nul-2\", \"text\": \"a\\u0000b\", \"user\": {\"deviceId\": \"d\\u0000\", "
                        + "\"name\": \"\\u0000\", \"externalId\": \"\\ud800\"}}",
                "{\"requestId\": \"a\", \"text\": \"x\", \"user\": {\"userHash\": \"\\u0000\"}}",
                "[".repeat(10_000) + "]".repeat(10_000),
                "{\"requestId\": \"big\", \"text\": \"" + "x".repeat(200_000) + "\"}"));
        for (String field : List.of("externalId", "phone", "email", "deviceId", "name", "userHash")) {
            for (String value : List.of("[]", "{}", "1", "true", "{\"a\": {\"b\": []}}")) {
                bodies.add("{\"requestId\": \"t-" + field + "\", \"text\": \"x\", \"user\": {\"" + field + "\": "
                        + value + "}}");
            }
        }
        List<String> failures = new ArrayList<>();
        for (String body : bodies) {
            for (String query : List.of("", "?wait=0", "?wait=-1", "?wait=99999999999999999999", "?wait=%00")) {
                Api.Response response = client.postRaw(
                        "/client/v1/messages" + query,
                        body.getBytes(StandardCharsets.UTF_8),
                        "Content-Type",
                        "application/json");
                if (response.status() >= 500) {
                    failures.add(response.status() + " " + shorten(body) + query + " → " + shorten(response.body()));
                }
            }
        }
        Api.Response notUtf8 = client.postRaw(
                "/client/v1/messages",
                new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'},
                "Content-Type",
                "application/json");
        Api.Response plain = client.postRaw(
                "/client/v1/messages", "hello".getBytes(StandardCharsets.UTF_8), "Content-Type", "text/plain");
        for (Api.Response response : List.of(notUtf8, plain)) {
            if (response.status() >= 500) {
                failures.add(response.status() + " " + shorten(response.body()));
            }
        }
        String base = "/client/v1/conversations/" + conversation;
        for (String path : List.of(
                base + "/messages?after=%00",
                base + "/messages?after=zzz",
                base + "/messages?limit=x",
                base + "/messages?limit=99999999999999",
                base + "/messages?conversationToken=%00",
                "/client/v1/conversations/%00/messages",
                "/client/v1/widget?key=%00",
                "/client/v1/widget")) {
            Api.Response response = client.getWithHeaders(path, "X-Conversation-Token", token);
            if (response.status() >= 500) {
                failures.add(response.status() + " GET " + path + " → " + shorten(response.body()));
            }
        }
        assertThat(failures).isEmpty();
    }

    private static String shorten(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
