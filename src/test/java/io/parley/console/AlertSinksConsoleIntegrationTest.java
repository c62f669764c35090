package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.alerts.AlertSinks;
import io.parley.platform.OrganizationId;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Alert sinks in Settings over HTTP: secrets never shown back, the egress policy's refusal inline with the input kept,
 * other organizations' sinks, CSRF and roles.
 */
class AlertSinksConsoleIntegrationTest extends IntegrationTestSupport {
    private static final String ROUTE = "/console/settings/alert-sinks";
    private static final String SLACK_URL = "https://hooks.slack.com/services/T000/B000/s3cr3tSlackToken";
    private static final String SECRET = "a-signing-secret-of-32-characters";

    @Autowired
    AlertSinks alertSinks;

    Tenants.WhatsAppBot bot;
    OrganizationId organization;

    @BeforeEach
    void organization() {
        bot = Tenants.offlineBot(api, "[]");
        organization = new OrganizationId(UUID.fromString(bot.organizationId()));
    }

    @Test
    void should_create_list_and_delete_sinks_without_ever_showing_the_slack_url_or_the_secret() {
        ConsoleHttp admin = signedIn("admin");

        HttpResponse<String> slack = admin.postWithCsrf(
                ROUTE,
                Map.of("type", "slack", "url", SLACK_URL, "minLevel", "error", "types", "delivery.*, llm.error"));
        HttpResponse<String> webhook = admin.postWithCsrf(
                ROUTE,
                Map.of("type", "webhook", "url", "https://hooks.example.com/parley?token=t0k3n", "secret", SECRET));
        HttpResponse<String> email = admin.postWithCsrf(ROUTE, Map.of("type", "email", "to", "ops@example.com"));
        HttpResponse<String> page = admin.get(ROUTE);

        assertThat(List.of(slack.statusCode(), webhook.statusCode(), email.statusCode()))
                .containsOnly(302);
        List<AlertSinks.Sink> sinks = alertSinks.list(organization);
        assertThat(sinks).extracting(AlertSinks.Sink::type).containsExactly("slack", "webhook", "email");
        assertThat(sinks.get(0).minLevel()).isEqualTo("error");
        assertThat(sinks.get(0).types()).containsExactly("delivery.*", "llm.error");
        assertThat(sinks.get(1).secretSet()).isTrue();
        assertThat(page.body())
                .contains("data-test=\"alert-sink\"", "ops@example.com", "https://hooks.example.com/…")
                .contains("Slack webhook URL set (hidden)")
                .doesNotContain("s3cr3tSlackToken", SECRET, "t0k3n", "data-test=\"alert-sinks-empty\"");

        HttpResponse<String> deleted =
                admin.postWithCsrf(ROUTE + "/" + sinks.get(0).id() + "/delete", Map.of());
        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(alertSinks.list(organization))
                .extracting(AlertSinks.Sink::type)
                .containsExactly("webhook", "email");
        assertThat(admin.get("/console/settings/audit").body()).contains("alert_sink_created", "alert_sink_deleted");
    }

    @Test
    void should_refuse_a_private_address_with_the_egress_reason_and_keep_what_was_typed() {
        ConsoleHttp admin = signedIn("admin");

        HttpResponse<String> refused = admin.postWithCsrf(
                ROUTE,
                Map.of("type", "webhook", "url", "http://10.1.2.3/alerts", "secret", SECRET, "types", "delivery.*"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("data-test=\"flash-error\"")
                .contains("url is refused by the egress policy", "is not public")
                .contains("value=\"http://10.1.2.3/alerts\"", "value=\"delivery.*\"")
                .contains("<option value=\"webhook\" selected=\"selected\">")
                .doesNotContain(SECRET);
        assertThat(alertSinks.list(organization)).isEmpty();
    }

    @Test
    void should_refuse_a_webhook_without_a_long_enough_secret_and_an_unknown_kind() {
        ConsoleHttp admin = signedIn("admin");

        HttpResponse<String> shortSecret = admin.postWithCsrf(
                ROUTE, Map.of("type", "webhook", "url", "https://hooks.example.com/a", "secret", "short"));
        HttpResponse<String> sms = admin.postWithCsrf(ROUTE, Map.of("type", "sms", "to", "+4915100000"));

        assertThat(shortSecret.statusCode()).isEqualTo(400);
        assertThat(shortSecret.body()).contains("secret is required for a webhook sink: 16 to 512 characters");
        assertThat(sms.statusCode()).isEqualTo(400);
        assertThat(sms.body()).contains("type must be slack, email or webhook");
        assertThat(alertSinks.list(organization)).isEmpty();
    }

    @Test
    void should_answer_not_found_for_another_organizations_sink_and_keep_it() {
        Tenants.WhatsAppBot other = Tenants.offlineBot(api, "[]");
        OrganizationId theirs = new OrganizationId(UUID.fromString(other.organizationId()));
        AlertSinks.Sink theirSink =
                alertSinks.create(theirs, new AlertSinks.NewSink("email", null, "x@acme.test", null, null, null));
        ConsoleHttp admin = signedIn("admin");

        HttpResponse<String> deleted = admin.postWithCsrf(ROUTE + "/" + theirSink.id() + "/delete", Map.of());
        HttpResponse<String> malformed = admin.postWithCsrf(ROUTE + "/not-a-uuid/delete", Map.of());

        assertThat(deleted.statusCode()).isEqualTo(404);
        assertThat(deleted.body()).contains("data-test=\"not-found\"");
        assertThat(malformed.statusCode()).isEqualTo(404);
        assertThat(alertSinks.list(theirs)).hasSize(1);
        assertThat(admin.get(ROUTE).body()).doesNotContain("x@acme.test");
    }

    @Test
    void should_refuse_a_post_without_the_csrf_token_and_show_agents_the_not_allowed_page() {
        ConsoleHttp admin = signedIn("admin");
        ConsoleHttp agent = signedIn("agent");

        HttpResponse<String> forged = admin.postForm(ROUTE, Map.of("type", "email", "to", "ops@example.com"));
        HttpResponse<String> agentPage = agent.get(ROUTE);
        HttpResponse<String> agentPost = agent.postWithCsrf(ROUTE, Map.of("type", "email", "to", "agent@example.com"));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(agentPage.statusCode()).isEqualTo(403);
        assertThat(agentPage.body()).contains("data-test=\"forbidden\"").doesNotContain("data-test=\"nav-settings\"");
        assertThat(agentPost.statusCode()).isEqualTo(403);
        assertThat(alertSinks.list(organization)).isEmpty();
    }

    private ConsoleHttp signedIn(String role) {
        return new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), role), ConsoleStaff.PASSWORD);
    }
}
