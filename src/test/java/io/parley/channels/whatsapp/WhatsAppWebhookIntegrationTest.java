package io.parley.channels.whatsapp;

import static io.parley.channels.whatsapp.IngressProbe.WEBHOOK;
import static io.parley.channels.whatsapp.IngressProbe.utf8;
import static io.parley.channels.whatsapp.WhatsAppPayloads.newWamid;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.Tenants.WhatsAppBot;
import io.parley.testing.Webhooks;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Meta's side of the webhook contract: the GET handshake, signatures, body limits and numbers nobody connected. */
class WhatsAppWebhookIntegrationTest extends IntegrationTestSupport {
    private static final String CUSTOMER = "15551230001";
    /** parley.whatsapp.max-payload: 3MB, i.e. 3 MiB as Spring's DataSize counts. */
    private static final int LIMIT = 3 * 1024 * 1024;

    private IngressProbe probe;

    @BeforeEach
    void setUp() {
        probe = new IngressProbe(api, jdbc);
    }

    // ---- GET handshake -----------------------------------------------------------------------------------

    @Test
    void should_echo_exactly_the_challenge_as_plain_text_when_mode_is_subscribe_and_token_is_a_channels() {
        WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String challenge = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));

        Api.Response response = handshake("subscribe", bot.verifyToken(), challenge);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(challenge);
        assertThat(response.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    }

    @Test
    void should_answer_403_when_verify_token_belongs_to_no_channel() {
        Tenants.offlineBot(api, "[]");

        Api.Response response = handshake("subscribe", "verify-nobody-has-this", "1158201444");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("1158201444");
    }

    @Test
    void should_answer_403_when_token_is_right_but_mode_is_unsubscribe() {
        WhatsAppBot bot = Tenants.offlineBot(api, "[]");

        Api.Response response = handshake("unsubscribe", bot.verifyToken(), "1158201444");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).doesNotContain("1158201444");
    }

    @Test
    void should_answer_403_when_handshake_parameters_are_missing() {
        WhatsAppBot bot = Tenants.offlineBot(api, "[]");

        assertThat(api.getRaw(WEBHOOK).status()).isEqualTo(403);
        assertThat(api.getRaw(WEBHOOK + "?hub.challenge=1158201444").status()).isEqualTo(403);
        assertThat(api.getRaw(WEBHOOK + "?hub.mode=subscribe&hub.challenge=1158201444")
                        .status())
                .isEqualTo(403);
        assertThat(api.getRaw(WEBHOOK + "?hub.mode=subscribe&hub.verify_token=&hub.challenge=1")
                        .status())
                .isEqualTo(403);
        assertThat(handshake("subscribe", bot.verifyToken(), null).status()).isEqualTo(403);
    }

    // ---- POST signatures ---------------------------------------------------------------------------------

    @Test
    void should_store_the_message_when_signature_matches_the_channels_app_secret() {
        WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String wamid = newWamid();

        Api.Response response = Webhooks.post(
                api,
                WhatsAppPayloads.textWithProfile(bot.phoneNumberId(), CUSTOMER, "Ana", wamid, "Do you ship to Lisbon?"),
                bot.appSecret());

        assertThat(response.status()).isEqualTo(200);
        JsonNode conversations = probe.conversations(bot);
        assertThat(conversations).hasSize(1);
        assertThat(conversations.get(0).path("channel").asString()).isEqualTo("whatsapp");
        assertThat(conversations.get(0).path("contact").path("waId").asString()).isEqualTo(CUSTOMER);
        JsonNode message = probe.onlyUserMessage(bot);
        assertThat(message.path("content").asString()).isEqualTo("Do you ship to Lisbon?");
        assertThat(message.path("providerMessageId").asString()).isEqualTo(wamid);
        assertThat(probe.inboundEvents(wamid)).isEqualTo(1);
    }

    @Test
    void should_answer_401_and_store_nothing_when_signed_with_another_secret() {
        WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String wamid = newWamid();

        Api.Response response = Webhooks.post(
                api, WhatsAppPayloads.text(bot.phoneNumberId(), CUSTOMER, wamid, "Hi"), "secret-of-another-app");

        assertRejectedAndNothingStored(response, bot, wamid);
        assertThat(probe.systemEvents("whatsapp.signature_rejected", bot.phoneNumberId()))
                .hasSize(1);
    }

    @Test
    void should_answer_401_and_store_nothing_when_body_differs_from_the_signed_one() {
        WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String wamid = newWamid();
        byte[] signed = utf8(WhatsAppPayloads.text(bot.phoneNumberId(), CUSTOMER, wamid, "Refund 10 EUR"));
        byte[] sent = utf8(WhatsAppPayloads.text(bot.phoneNumberId(), CUSTOMER, wamid, "Refund 99 EUR"));

        Api.Response response = api.postRaw(
                WEBHOOK,
                sent,
                "Content-Type",
                "application/json",
                "X-Hub-Signature-256",
                Webhooks.sign(signed, bot.appSecret()));

        assertRejectedAndNothingStored(response, bot, wamid);
    }

    @Test
    void should_answer_401_and_store_nothing_when_signature_header_is_missing() {
        WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String wamid = newWamid();

        Api.Response response = api.postRaw(
                WEBHOOK,
                utf8(WhatsAppPayloads.text(bot.phoneNumberId(), CUSTOMER, wamid, "Hi")),
                "Content-Type",
                "application/json");

        assertRejectedAndNothingStored(response, bot, wamid);
    }

    /**
     * A body that is not JSON names no phone number, so no channel's secret can be chosen: the signature is only
     * checked for shape, and the body is refused as malformed (400, which Meta will not fix by retrying either).
     */
    @Test
    void should_answer_400_malformed_webhook_when_a_signed_body_is_not_a_json_object() {
        WhatsAppBot bot = Tenants.offlineBot(api, "[]");

        for (String body : new String[] {"this is not json", "{\"object\": ", "[1, 2, 3]"}) {
            Api.Response response = api.postRaw(
                    WEBHOOK,
                    utf8(body),
                    "Content-Type",
                    "application/json",
                    "X-Hub-Signature-256",
                    Webhooks.sign(utf8(body), bot.appSecret()));

            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.text("code")).isEqualTo("malformed_webhook");
        }
        Api.Response unsigned = api.postRaw(WEBHOOK, utf8("this is not json"), "Content-Type", "application/json");
        assertThat(unsigned.status())
                .as("no signature is checked before parsing")
                .isEqualTo(401);
    }

    // ---- body size ---------------------------------------------------------------------------------------

    @Test
    void should_answer_413_and_store_nothing_when_content_length_exceeds_3_mb() {
        WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String wamid = newWamid();
        byte[] body = paddedText(bot, wamid, LIMIT + 1);

        Api.Response response = api.postRaw(
                WEBHOOK,
                body,
                "Content-Type",
                "application/json",
                "X-Hub-Signature-256",
                Webhooks.sign(body, bot.appSecret()));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.text("code")).isEqualTo("payload_too_large");
        assertThat(probe.inboundEvents(wamid)).isZero();
        assertThat(probe.conversations(bot)).isEmpty();
    }

    @Test
    void should_accept_a_body_of_exactly_3_mb_when_it_has_a_content_length() {
        WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String wamid = newWamid();
        byte[] body = paddedText(bot, wamid, LIMIT);

        Api.Response response = api.postRaw(
                WEBHOOK,
                body,
                "Content-Type",
                "application/json",
                "X-Hub-Signature-256",
                Webhooks.sign(body, bot.appSecret()));

        assertThat(response.status()).isEqualTo(200);
        assertThat(probe.inboundEvents(wamid)).isEqualTo(1);
    }

    @Test
    void should_answer_413_when_a_chunked_body_without_content_length_exceeds_3_mb() throws Exception {
        WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String tooLargeWamid = newWamid();
        String atLimitWamid = newWamid();

        HttpResponse<String> tooLarge = postChunked(bot, paddedText(bot, tooLargeWamid, LIMIT + 1));
        HttpResponse<String> atLimit = postChunked(bot, paddedText(bot, atLimitWamid, LIMIT));

        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(Api.json().readTree(tooLarge.body()).path("code").asString()).isEqualTo("payload_too_large");
        assertThat(probe.inboundEvents(tooLargeWamid)).isZero();
        assertThat(atLimit.statusCode())
                .as("a chunked body within the limit is read whole")
                .isEqualTo(200);
        assertThat(probe.inboundEvents(atLimitWamid)).isEqualTo(1);
    }

    // ---- numbers nobody connected ------------------------------------------------------------------------

    @Test
    void should_acknowledge_store_nothing_and_record_an_event_when_phone_number_id_is_unknown() {
        String unknownNumber = "9" + (System.nanoTime() % 1_000_000_000_000L);
        String wamid = newWamid();

        Api.Response response = Webhooks.post(
                api, WhatsAppPayloads.text(unknownNumber, CUSTOMER, wamid, "Hello?"), "any-secret-at-all");

        assertThat(response.status()).isEqualTo(200);
        assertThat(probe.inboundEvents(wamid)).isZero();
        assertThat(jdbc.sql("select count(*) from messages where provider_message_id = :wamid")
                        .param("wamid", wamid)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(probe.systemEvents("whatsapp.unknown_phone_number", unknownNumber))
                .singleElement()
                .satisfies(payload -> assertThat(
                                Api.json().readTree(payload).path("messages").asInt())
                        .isEqualTo(1));
    }

    // ---- helpers -----------------------------------------------------------------------------------------

    private Api.Response handshake(String mode, String token, String challenge) {
        StringBuilder query = new StringBuilder("?hub.mode=")
                .append(mode)
                .append("&hub.verify_token=")
                .append(URLEncoder.encode(token, StandardCharsets.UTF_8));
        if (challenge != null) {
            query.append("&hub.challenge=").append(challenge);
        }
        return api.getRaw(WEBHOOK + query);
    }

    private void assertRejectedAndNothingStored(Api.Response response, WhatsAppBot bot, String wamid) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.text("code")).isEqualTo("invalid_signature");
        assertThat(response.raw().headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(probe.inboundEvents(wamid)).isZero();
        assertThat(probe.conversations(bot)).isEmpty();
    }

    /** A valid text webhook padded with JSON whitespace to exactly {@code size} bytes. */
    private static byte[] paddedText(WhatsAppBot bot, String wamid, int size) {
        byte[] json = utf8(WhatsAppPayloads.text(bot.phoneNumberId(), CUSTOMER, wamid, "Large but valid"));
        byte[] body = Arrays.copyOf(json, size);
        Arrays.fill(body, json.length, size, (byte) ' ');
        return body;
    }

    /** BodyPublishers.ofInputStream has no known length, so HTTP/1.1 sends it chunked. */
    private HttpResponse<String> postChunked(WhatsAppBot bot, byte[] body) throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.base() + WEBHOOK))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", Webhooks.sign(body, bot.appSecret()))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
