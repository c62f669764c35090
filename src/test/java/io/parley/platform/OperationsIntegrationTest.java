package io.parley.platform;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.testing.Api;
import io.parley.testing.Fakes;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.Webhooks;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

@ExtendWith(OutputCaptureExtension.class)
class OperationsIntegrationTest extends IntegrationTestSupport {
    private static final String FAQ = "[{\"question\": \"Opening hours?\", \"answer\": \"We open at 9.\"}]";

    @Test
    void should_report_up_without_a_token_when_probed() {
        Api anonymous = Api.at(port).withToken(null);

        for (String path : List.of(
                "/live",
                "/ready",
                "/healthz",
                "/actuator/health/liveness",
                "/actuator/health/readiness",
                "/actuator/health")) {
            Api.Response response = anonymous.get(path);
            assertThat(response.status()).as(path + " " + response.body()).isEqualTo(200);
            assertThat(response.text("status")).as(path).isEqualTo("UP");
        }
        for (String path : List.of("/ready", "/healthz", "/actuator/health/readiness")) {
            assertThat(anonymous
                            .get(path)
                            .json()
                            .path("components")
                            .path("db")
                            .path("status")
                            .asString())
                    .as(path)
                    .isEqualTo("UP");
        }
        assertThat(anonymous.get("/live").json().path("components").has("db")).isFalse();
    }

    @Test
    void should_serve_metrics_to_the_operator_only_when_metrics_are_not_public() {
        Api anonymous = Api.at(port).withToken(null);
        String org = Tenants.organization(api, "Metrics " + UUID.randomUUID());
        String key = api.post("/api/v1/organizations/" + org + "/api-keys", "{\"name\": \"scraper\"}")
                .text("key");

        assertProblem(anonymous.get("/actuator/prometheus"), 401, "unauthorized");
        assertProblem(anonymous.withToken("prl_not-the-token").get("/actuator/prometheus"), 401, "unauthorized");
        assertThat(assertProblem(anonymous.withToken(key).get("/actuator/prometheus"), 403, "forbidden")
                        .path("requiredRole")
                        .asString())
                .isEqualTo("operator");
        Api.Response scrape = api.get("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes");
        for (String open : List.of("/live", "/ready", "/healthz", "/actuator/health")) {
            assertThat(anonymous.get(open).status()).as(open).isEqualTo(200);
        }
    }

    @Test
    void should_expose_ingest_turn_and_delivery_timings_when_messages_were_answered() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        Api.Response sent = api.post(
                "/api/v1/chatbots/" + bot.chatbotId() + "/webchat/messages",
                "{\"sessionId\": \"metrics-visitor\", \"text\": \"Opening hours?\"}");
        assertThat(Webhooks.post(
                                api,
                                WhatsAppPayloads.text(
                                        bot.phoneNumberId(),
                                        "15557770003",
                                        WhatsAppPayloads.newWamid(),
                                        "Opening hours?"),
                                bot.appSecret())
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(
                        () -> assertThat(api.get("/api/v1/conversations/" + sent.text("conversationId") + "/messages")
                                        .json()
                                        .findValuesAsString("status"))
                                .contains("sent"));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> GraphFake.sends(bot.phoneNumberId()).size() == 1);

        Api.Response scrape = api.get("/actuator/prometheus");

        assertThat(scrape.status()).isEqualTo(200);
        List<String> lines = Arrays.asList(scrape.body().split("\n"));
        assertThat(lines)
                .anyMatch(l ->
                        l.startsWith("parley_webhook_ingest_seconds_count{") && l.contains("outcome=\"accepted\""));
        assertThat(lines)
                .anyMatch(l -> l.startsWith("parley_turn_seconds_count{") && l.contains("outcome=\"answered\""));
        assertThat(lines)
                .anyMatch(l -> l.startsWith("parley_delivery_seconds_count{")
                        && l.contains("channel=\"webchat\"")
                        && l.contains("outcome=\"sent\""));
        assertThat(lines)
                .anyMatch(l -> l.startsWith("parley_delivery_seconds_count{")
                        && l.contains("channel=\"whatsapp\"")
                        && l.contains("outcome=\"sent\""));
        assertThat(scrape.body()).contains("parley_turn_seconds_bucket{");
        // Webhooks are timed once, by parley.webhook.ingest; other routes keep Spring's http.server.requests.
        assertThat(lines)
                .noneMatch(l -> l.startsWith("http_server_requests_seconds_count{")
                        && l.contains("uri=\"/webhooks/whatsapp\""));
        assertThat(lines)
                .anyMatch(l -> l.startsWith("http_server_requests_seconds_count{")
                        && l.contains("uri=\"/api/v1/chatbots/{botId}/webchat/messages\""));
    }

    @Test
    void should_keep_personal_data_and_credentials_out_of_the_logs_when_a_whatsapp_turn_runs(CapturedOutput output) {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        String phone = "15559990001";
        String body = "Please ship order ZEBRA-" + UUID.randomUUID() + " to my flat";
        String reply = "Your parcel QUOKKA-" + UUID.randomUUID() + " leaves today";
        String profileName = "Wilhelmina Quetzalcoatl";
        bot.llm().replies(reply);
        // A failed typing indicator and a first failed send make the turn and the delivery log a line each.
        Fakes.wiremock()
                .stubFor(post(urlEqualTo("/graph/v22.0/" + bot.phoneNumberId() + "/messages"))
                        .atPriority(1)
                        .withRequestBody(matchingJsonPath("$.typing_indicator"))
                        .willReturn(GraphFake.error(500, 1, "Unknown error")));
        GraphFake.sendsRespondInSequence(
                bot.phoneNumberId(), GraphFake.error(503, 2, "Service unavailable"), GraphFake.sent());

        Api.Response ack = Webhooks.post(
                api,
                WhatsAppPayloads.textWithProfile(
                        bot.phoneNumberId(), phone, profileName, WhatsAppPayloads.newWamid(), body),
                bot.appSecret());

        assertThat(ack.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> GraphFake.sends(bot.phoneNumberId()).size() == 2);
        String conversationId = api.get("/api/v1/chatbots/" + bot.chatbotId() + "/conversations")
                .json()
                .get(0)
                .path("id")
                .asString();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(api.get("/api/v1/conversations/" + conversationId + "/messages")
                                .json()
                                .findValuesAsString("status"))
                        .contains("sent"));
        assertThat(GraphFake.sends(bot.phoneNumberId()).getLast().getBodyAsString())
                .contains(reply);

        String logs = output.getAll();
        assertThat(logs)
                .doesNotContain(
                        phone,
                        body,
                        "ZEBRA-",
                        reply,
                        "QUOKKA-",
                        profileName,
                        "Quetzalcoatl",
                        bot.accessToken(),
                        bot.appSecret(),
                        bot.verifyToken(),
                        bot.llm().apiKey());
        List<JsonNode> turnLines = logs.lines()
                .filter(l -> l.startsWith("{"))
                .map(l -> Api.json().readTree(l))
                .filter(json ->
                        conversationId.equals(json.path("conversationId").asString()))
                .toList();
        assertThat(turnLines)
                .extracting(json -> json.path("logger_name").asString())
                .contains(
                        "io.parley.conversation.internal.TurnProcessor",
                        "io.parley.delivery.internal.DeliveryAttempts");
        assertThat(turnLines).allSatisfy(json -> {
            assertThat(json.path("traceId").asString()).matches("[0-9a-f]{32}");
            assertThat(json.path("organizationId").asString()).isEqualTo(bot.organizationId());
            assertThat(json.path("channel").asString()).isEqualTo("whatsapp");
        });
    }

    @Test
    void should_keep_personal_data_out_of_the_logs_and_events_when_a_webhook_part_is_malformed(CapturedOutput output) {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, FAQ);
        String phone = "15559990002";
        String body = "My card number is PANGOLIN-" + UUID.randomUUID();
        String wamid = WhatsAppPayloads.newWamid();
        String withoutId = WhatsAppPayloads.textWithProfile(
                        bot.phoneNumberId(), phone, "Bartholomew Okonkwo", wamid, body)
                .replace("\"id\":\"" + wamid + "\",", "");
        assertThat(withoutId).doesNotContain(wamid);

        assertThat(Webhooks.post(api, withoutId, bot.appSecret()).status()).isEqualTo(200);

        List<String> payloads = jdbc.sql("""
                        select payload::text from system_events
                        where type = 'whatsapp.malformed_part' and organization_id = :org""")
                .param("org", UUID.fromString(bot.organizationId()))
                .query(String.class)
                .list();
        assertThat(payloads)
                .singleElement()
                .asString()
                .contains("message_without_id", "\\\"from\\\":\\\"***\\\"", "\\\"body\\\":\\\"***\\\"")
                .doesNotContain(phone, body, "PANGOLIN-", "Okonkwo");
        assertThat(output.getAll())
                .contains("whatsapp.malformed_part")
                .doesNotContain(phone, body, "PANGOLIN-", "Okonkwo");
    }
}
