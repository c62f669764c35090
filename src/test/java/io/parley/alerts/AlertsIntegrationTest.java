package io.parley.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.OrganizationId;
import io.parley.testing.Api;
import io.parley.testing.Fakes;
import io.parley.testing.SmtpIntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.Webhooks;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Alert sinks end to end: Slack and signed webhooks on WireMock, email on GreenMail (see
 * SmtpIntegrationTestSupport), retries shortened to 100 ms.
 */
@TestPropertySource(
        properties = {
            "parley.alerts.from=alerts@parley.test",
            "parley.alerts.max-retries=2",
            "parley.alerts.first-backoff=100ms",
            "parley.alerts.max-backoff=300ms"
        })
class AlertsIntegrationTest extends SmtpIntegrationTestSupport {
    @Autowired
    SystemEvents events;

    String org;
    String path;

    @BeforeEach
    void anOrganization() {
        org = Tenants.organization(api, "Alerts " + UUID.randomUUID());
        path = "/alerts/" + UUID.randomUUID();
    }

    @Test
    void should_post_to_slack_when_an_event_matches_the_sink_and_never_return_the_url() {
        Fakes.wiremock()
                .stubFor(post(urlPathEqualTo(path))
                        .willReturn(aResponse().withStatus(200).withBody("ok")));
        Api.Response created = api.post(sinks(), """
                {"type": "slack", "url": "%s", "minLevel": "error", "types": ["delivery.*"]}""".formatted(url()));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("urlSet").asBoolean()).isTrue();
        assertThat(created.body()).doesNotContain(path);
        assertThat(api.get(sinks()).body()).doesNotContain(path).contains(created.text("id"));

        record(SystemEvent.Level.WARN, "delivery.failed"); // below minLevel
        record(SystemEvent.Level.ERROR, "llm.error"); // another namespace
        record(SystemEvent.Level.ERROR, "delivery.rejected"); // matches

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(requests()).hasSize(1));
        assertThat(requests().getFirst().getBodyAsString()).contains("\"text\"", "ERROR delivery.rejected", "code_42");
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(
                        () -> assertThat(deliveryStatuses(created.text("id"))).containsExactly("delivered"));
    }

    /**
     * Event payloads carry text from webhooks (here Meta's error title of a change, as the sender of a forged but
     * signed body could choose it): on Slack it is escaped, so it can neither mention the channel nor show a link.
     */
    @Test
    void should_escape_webhook_text_when_an_alert_goes_to_slack() {
        Fakes.wiremock()
                .stubFor(post(urlPathEqualTo(path))
                        .willReturn(aResponse().withStatus(200).withBody("ok")));
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        Api.Response sink =
                api.post("/api/v1/organizations/" + bot.organizationId() + "/alert-sinks", """
                {"type": "slack", "url": "%s", "minLevel": "warn", "types": ["whatsapp.*"]}""".formatted(url()));
        assertThat(sink.status()).as(sink.body()).isEqualTo(201);
        String webhook = """
                {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages",
                 "value": {"messaging_product": "whatsapp", "metadata": {"phone_number_id": "%s"},
                           "errors": [{"code": 131000, "title": "<!channel> <http://evil.test|Click me> & co",
                                       "message": "<!here>"}]}}]}]}""".formatted(bot.phoneNumberId());

        assertThat(Webhooks.post(api, webhook, bot.appSecret()).status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(requests()).hasSize(1));
        String text = Api.json()
                .readTree(requests().getFirst().getBodyAsString())
                .path("text")
                .asString();
        assertThat(text)
                .contains(
                        "whatsapp.malformed_part",
                        "&lt;!channel&gt; &lt;http://evil.test|Click me&gt; &amp; co",
                        "&lt;!here&gt;")
                .doesNotContain("<!channel>", "<!here>", "<http://evil.test");
    }

    @Test
    void should_email_the_alert_when_the_sink_is_an_address() throws Exception {
        String to = "ops-" + UUID.randomUUID() + "@acme.test";
        assertThat(api.post(sinks(), "{\"type\": \"email\", \"to\": \"" + to + "\"}")
                        .status())
                .isEqualTo(201);

        record(SystemEvent.Level.CRITICAL, "whatsapp.signature_invalid");

        await().atMost(Duration.ofSeconds(10)).until(() -> mailTo(to) != null);
        MimeMessage mail = mailTo(to);
        assertThat(mail.getSubject()).isEqualTo("[Parley] CRITICAL whatsapp.signature_invalid");
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("alerts@parley.test");
        assertThat(GreenMailUtil.getBody(mail)).contains("organization: " + org, "code: code_42");
    }

    @Test
    void should_sign_webhook_deliveries_with_the_sink_secret() throws Exception {
        Fakes.wiremock()
                .stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(204)));
        String secret = "s3cret-" + UUID.randomUUID();
        Api.Response created = api.post(sinks(), """
                {"type": "webhook", "url": "%s", "secret": "%s"}""".formatted(url(), secret));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("secretSet").asBoolean()).isTrue();
        assertThat(created.body()).doesNotContain(secret);

        record(SystemEvent.Level.WARN, "tool.failed");

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(requests()).hasSize(1));
        LoggedRequest request = requests().getFirst();
        String timestamp = request.getHeader("X-Parley-Timestamp");
        assertThat(request.getHeader("X-Parley-Signature"))
                .isEqualTo("sha256=" + hmac(secret, timestamp + "." + request.getBodyAsString()));
        assertThat(request.getHeader("X-Parley-Signature"))
                .isNotEqualTo("sha256=" + hmac("other", timestamp + "." + request.getBodyAsString()));
        JsonNode body = Api.json().readTree(request.getBodyAsString());
        assertThat(body.path("deliveryId").asString()).isEqualTo(request.getHeader("X-Parley-Delivery-Id"));
        assertThat(body.path("event").path("type").asString()).isEqualTo("tool.failed");
        assertThat(body.path("event").path("organizationId").asString()).isEqualTo(org);
    }

    @Test
    void should_retry_then_dead_letter_when_the_sink_keeps_failing_without_alerting_about_itself() {
        Fakes.wiremock()
                .stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(500)));
        Api.Response created = api.post(sinks(), """
                {"type": "slack", "url": "%s", "minLevel": "info", "types": ["*"]}""".formatted(url()));
        String sinkId = created.text("id");

        record(SystemEvent.Level.ERROR, "delivery.failed");

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(deliveryStatuses(sinkId)).containsExactly("dead"));
        assertThat(jdbc.sql("select attempts from alert_deliveries where sink_id = :sink")
                        .param("sink", UUID.fromString(sinkId))
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
        assertThat(requests()).hasSize(3);
        JsonNode failed = api.get("/api/v1/organizations/" + org + "/events?type=alert.delivery_failed")
                .json();
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).path("level").asString()).isEqualTo("error");
        assertThat(failed.get(0).path("payload").path("sinkId").asString()).isEqualTo(sinkId);
        assertThat(failed.get(0).path("payload").path("error").asString()).isEqualTo("http_500");
        // The dead letter's own event goes to no sink, not even this one accepting everything.
        assertThat(deliveryStatuses(sinkId)).hasSize(1);
        assertThat(api.get(sinks()).json()).hasSize(1);
    }

    @Test
    void should_deliver_a_dead_alert_exactly_once_when_replayed_after_the_sink_recovers() {
        Fakes.wiremock()
                .stubFor(post(urlPathEqualTo(path)).willReturn(aResponse().withStatus(500)));
        String sinkId = api.post(sinks(), "{\"type\": \"slack\", \"url\": \"" + url() + "\"}")
                .text("id");
        record(SystemEvent.Level.ERROR, "delivery.failed");
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(deliveryStatuses(sinkId)).containsExactly("dead"));
        JsonNode dead = api.get(deliveries() + "?status=dead").json();
        assertThat(dead).hasSize(1);
        String deliveryId = dead.get(0).path("id").asString();
        assertThat(dead.get(0).path("eventType").asString()).isEqualTo("delivery.failed");
        assertThat(dead.get(0).path("lastError").asString()).isEqualTo("http_500");
        assertThat(api.get(deliveries() + "?status=delivered").json()).isEmpty();
        assertThat(api.get(deliveries() + "?status=lost").status()).isEqualTo(400);
        String otherOrg = Tenants.organization(api, "Other " + UUID.randomUUID());
        assertThat(api.post("/api/v1/organizations/" + otherOrg + "/alert-deliveries/" + deliveryId + "/replay", "")
                        .status())
                .isEqualTo(404);
        assertThat(api.post(deliveries() + "/" + UUID.randomUUID() + "/replay", "")
                        .status())
                .isEqualTo(404);

        int failedAttempts = requests().size();
        Fakes.wiremock()
                .stubFor(post(urlPathEqualTo(path))
                        .willReturn(aResponse().withStatus(200).withBody("ok")));
        Api.Response replayed = api.post(deliveries() + "/" + deliveryId + "/replay", "");
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(202);
        assertThat(replayed.json().path("status").asString()).isIn("pending", "delivered");
        assertThat(api.post(deliveries() + "/" + deliveryId + "/replay", "").status())
                .isEqualTo(409);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(deliveryStatuses(sinkId)).containsExactly("delivered"));
        assertThat(requests()).hasSize(failedAttempts + 1);
        assertThat(api.get(deliveries()).json().get(0).path("attempts").asInt()).isEqualTo(1);
        assertThat(api.post(deliveries() + "/" + deliveryId + "/replay", "").status())
                .isEqualTo(409);
    }

    @Test
    void should_stop_delivering_when_the_sink_is_deleted() {
        String sinkId = api.post(sinks(), "{\"type\": \"slack\", \"url\": \"" + url() + "\"}")
                .text("id");
        assertThat(api.delete(sinks() + "/" + sinkId).status()).isEqualTo(204);
        assertThat(api.delete(sinks() + "/" + sinkId).status()).isEqualTo(404);
        assertThat(api.get(sinks()).json()).isEmpty();
        String otherOrg = Tenants.organization(api, "Other " + UUID.randomUUID());
        String foreign = api.post(
                        "/api/v1/organizations/" + otherOrg + "/alert-sinks",
                        "{\"type\": \"email\", \"to\": \"x@acme.test\"}")
                .text("id");
        assertThat(api.delete(sinks() + "/" + foreign).status()).isEqualTo(404);
        assertThat(api.post(sinks(), "{\"type\": \"sms\"}").status()).isEqualTo(400);
        assertThat(api.post(sinks(), "{\"type\": \"webhook\", \"url\": \"" + url() + "\"}")
                        .status())
                .isEqualTo(400);
    }

    private void record(SystemEvent.Level level, String type) {
        events.record(SystemEvent.of(level, type)
                .organization(new OrganizationId(UUID.fromString(org)))
                .with("code", "code_42")
                .build());
    }

    private String sinks() {
        return "/api/v1/organizations/" + org + "/alert-sinks";
    }

    private String deliveries() {
        return "/api/v1/organizations/" + org + "/alert-deliveries";
    }

    private String url() {
        return Fakes.baseUrl() + path;
    }

    private List<LoggedRequest> requests() {
        return Fakes.wiremock().findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    private List<String> deliveryStatuses(String sinkId) {
        return jdbc.sql("select status from alert_deliveries where sink_id = :sink")
                .param("sink", UUID.fromString(sinkId))
                .query(String.class)
                .list();
    }

    private static MimeMessage mailTo(String to) throws Exception {
        for (MimeMessage message : smtp.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(to)) {
                return message;
            }
        }
        return null;
    }

    private static String hmac(String secret, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
