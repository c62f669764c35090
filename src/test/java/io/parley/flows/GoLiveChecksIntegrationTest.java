package io.parley.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.flows.golden.BundledGoldens;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.ParleyTestContext;
import io.parley.testing.Tenants;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Pilot mode's go-live checks (issue 16 §5, spec §4): a chatbot on a flow leaves pilot mode only with its flow
 * published, the reminder template approved, live Stripe keys behind a payment step and its golden transcripts
 * green — or when the admin forces it.
 */
class GoLiveChecksIntegrationTest extends IntegrationTestSupport {
    private static final String KEY = "tattoo_booking";
    private static final Path REPAIR_ONCE = BundledGoldens.GOLDENS.resolve("02_repair_once_flow.yaml");

    private FlowCalls calls;
    private Tenants.WhatsAppBot bot;

    @BeforeEach
    void aFlowBotInPilotMode() {
        calls = new FlowCalls(api, ParleyTestContext.ADMIN_TOKEN);
        bot = Tenants.offlineBot(api, "[]");
        ChatbotEngineIntegrationTest.registerReminder(api, bot);
        assertThat(calls.putYaml(bot.chatbotId(), KEY, BundledGoldens.read(BundledGoldens.FLOW))
                        .status())
                .isEqualTo(201);
        assertThat(api.post(FlowCalls.path(bot.chatbotId(), KEY) + "/publish", "")
                        .status())
                .isEqualTo(200);
        Api.Response engine = api.patch(
                "/api/v1/chatbots/" + bot.chatbotId(), "{\"engine\": \"flow\", \"flowKey\": \"" + KEY + "\"}");
        assertThat(engine.status()).as(engine.body()).isEqualTo(200);
        assertThat(pilot("{\"enabled\": true, \"allow\": [\"+34 600 000 001\"]}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void should_keep_a_chatbot_in_pilot_mode_naming_each_failed_check() {
        reminderStatus("pending");

        Api.Response checks = checks();

        assertThat(checks.status()).as(checks.body()).isEqualTo(200);
        assertThat(checks.json().path("ready").asBoolean()).isFalse();
        assertThat(status(checks.json(), "flow_published")).isEqualTo("passed");
        assertThat(status(checks.json(), "templates_approved")).isEqualTo("failed");
        assertThat(detail(checks.json(), "templates_approved")).contains("booking_reminder", bot.channelId());
        assertThat(status(checks.json(), "payments_live")).isEqualTo("failed");
        assertThat(detail(checks.json(), "payments_live")).contains("not connected Stripe");
        assertThat(status(checks.json(), "goldens_green")).isEqualTo("warning");

        Api.Response off = pilot("{\"enabled\": false}");

        assertThat(off.status()).as(off.body()).isEqualTo(409);
        assertThat(off.text("code")).isEqualTo("go_live_checks_failed");
        assertThat(off.text("detail")).contains("templates_approved", "payments_live", "\"force\": true");
        assertThat(off.json().path("checks")).hasSize(4);
        assertThat(api.get(pilotPath()).json().path("enabled").asBoolean())
                .as("still in pilot mode")
                .isTrue();
    }

    @Test
    void should_let_the_chatbot_go_live_once_every_check_passes() {
        approveReminder();
        connectStripe("sk_test_");
        saveGolden("repair_once", BundledGoldens.read(REPAIR_ONCE));

        assertThat(detail(checks().json(), "payments_live")).contains("test keys");
        assertThat(status(checks().json(), "payments_live")).isEqualTo("failed");

        connectStripe("sk_live_");
        JsonNode ready = checks().json();

        assertThat(ready.path("ready").asBoolean()).as(ready.toString()).isTrue();
        assertThat(status(ready, "templates_approved")).isEqualTo("passed");
        assertThat(status(ready, "payments_live")).isEqualTo("passed");
        assertThat(status(ready, "goldens_green")).isEqualTo("passed");
        Api.Response off = pilot("{\"enabled\": false}");
        assertThat(off.status()).as(off.body()).isEqualTo(200);
        assertThat(off.json().path("enabled").asBoolean()).isFalse();
    }

    @Test
    void should_fail_on_a_golden_transcript_that_the_published_version_breaks() {
        approveReminder();
        connectStripe("sk_live_");
        saveGolden("repair_once", BundledGoldens.read(REPAIR_ONCE).replace("\"Hi Ben! A few", "\"Hello Ben! A few"));

        JsonNode checks = checks().json();

        assertThat(checks.path("ready").asBoolean()).isFalse();
        assertThat(status(checks, "goldens_green")).isEqualTo("failed");
        assertThat(detail(checks, "goldens_green")).contains("1 of 1", "repair_once", "version 1");
    }

    @Test
    void should_go_live_anyway_when_forced() {
        Api.Response forced = pilot("{\"enabled\": false, \"force\": true}");

        assertThat(forced.status()).as(forced.body()).isEqualTo(200);
        assertThat(forced.json().path("enabled").asBoolean()).isFalse();
        assertThat(pilot("{\"enabled\": false, \"force\": \"yes\"}").status()).isEqualTo(400);
    }

    @Test
    void should_have_nothing_to_check_for_a_chatbot_on_the_agent() {
        Tenants.WhatsAppBot agent = Tenants.offlineBot(api, "[]");
        String path = "/api/v1/chatbots/" + agent.chatbotId() + "/pilot";
        assertThat(api.put(path, "{\"enabled\": true, \"allow\": []}").status()).isEqualTo(200);

        JsonNode checks = api.get(path + "/go-live-checks").json();

        assertThat(checks.path("ready").asBoolean()).isTrue();
        assertThat(status(checks, "flow_published")).isEqualTo("skipped");
        assertThat(api.put(path, "{\"enabled\": false}").status()).isEqualTo(200);
    }

    @Test
    void should_not_find_the_checks_of_an_unknown_or_another_organizations_chatbot() {
        String otherOrg = Tenants.organization(api, "Other " + UUID.randomUUID());
        String otherKey = api.post(
                        "/api/v1/organizations/" + otherOrg + "/api-keys", "{\"name\": \"k\", \"role\": \"admin\"}")
                .text("key");

        assertThat(api.get("/api/v1/chatbots/" + UUID.randomUUID() + "/pilot/go-live-checks")
                        .status())
                .isEqualTo(404);
        assertThat(api.withToken(otherKey).get(pilotPath() + "/go-live-checks").status())
                .isEqualTo(404);
    }

    /** As Meta's template status webhook would leave it. */
    private void reminderStatus(String status) {
        jdbc.sql("update message_templates set status = :status where channel_account_id = :channel")
                .param("status", status)
                .param("channel", UUID.fromString(bot.channelId()))
                .update();
    }

    private void approveReminder() {
        reminderStatus("approved");
    }

    private void connectStripe(String prefix) {
        String secretKey = prefix + UUID.randomUUID().toString().replace("-", "");
        Api.Response connected = api.put(
                "/api/v1/organizations/" + bot.organizationId() + "/integrations/stripe",
                "{\"secretKey\": \"" + secretKey + "\", \"webhookSecret\": \"whsec_"
                        + UUID.randomUUID().toString().replace("-", "") + "\"}");
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
    }

    private void saveGolden(String name, String yaml) {
        Api.Response saved = calls.putAt(
                "/api/v1/chatbots/" + bot.chatbotId() + "/flow-tests/" + name,
                "application/yaml",
                yaml.getBytes(StandardCharsets.UTF_8));
        assertThat(saved.status()).as(saved.body()).isEqualTo(201);
    }

    private Api.Response checks() {
        return api.get(pilotPath() + "/go-live-checks");
    }

    private Api.Response pilot(String body) {
        return api.put(pilotPath(), body);
    }

    private String pilotPath() {
        return "/api/v1/chatbots/" + bot.chatbotId() + "/pilot";
    }

    private static String status(JsonNode report, String name) {
        return check(report, name).path("status").asString();
    }

    private static String detail(JsonNode report, String name) {
        return check(report, name).path("detail").asString();
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode check : report.path("checks")) {
            if (check.path("name").asString().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + report);
    }
}
