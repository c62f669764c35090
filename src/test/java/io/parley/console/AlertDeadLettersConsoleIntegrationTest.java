package io.parley.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.alerts.AlertSinks;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.OrganizationId;
import io.parley.testing.Fakes;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The alerts tab of Dead letters over HTTP: a dead alert delivery listed and replayed once (then delivered), another
 * organization's delivery not found, agents refused.
 */
class AlertDeadLettersConsoleIntegrationTest extends IntegrationTestSupport {
    private static final String ROUTE = "/console/dead-letters/alerts";

    @Autowired
    AlertSinks alertSinks;

    @Autowired
    SystemEvents events;

    Tenants.WhatsAppBot bot;
    String path;

    @BeforeEach
    void organization() {
        bot = Tenants.offlineBot(api, "[]");
        path = "/alerts/" + UUID.randomUUID();
    }

    @Test
    void should_list_a_dead_alert_delivery_and_replay_it_once_until_delivered() {
        UUID delivery = deadDelivery(bot.organizationId(), path);
        Fakes.wiremock()
                .stubFor(post(urlPathEqualTo(path))
                        .willReturn(aResponse().withStatus(200).withBody("ok")));
        ConsoleHttp admin = signedIn("admin");

        HttpResponse<String> page = admin.get(ROUTE);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("data-delivery-id=\"" + delivery + "\"", "console.test.failed", "http_500", "Slack")
                .doesNotContain("data-test=\"alert-dead-letters-empty\"");

        HttpResponse<String> replayed = admin.postWithCsrf(ROUTE + "/" + delivery + "/replay", Map.of());
        HttpResponse<String> again = admin.postWithCsrf(ROUTE + "/" + delivery + "/replay", Map.of());

        assertThat(replayed.statusCode()).isEqualTo(302);
        assertThat(replayed.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains(ROUTE + "?replayed=" + delivery));
        assertThat(again.statusCode()).isEqualTo(409);
        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(status(delivery)));
        assertThat(Fakes.wiremock().findAll(postRequestedFor(urlPathEqualTo(path))))
                .hasSize(1);
        assertThat(admin.get(ROUTE).body()).contains("data-test=\"alert-dead-letters-empty\"");
    }

    @Test
    void should_not_replay_another_organizations_delivery_and_refuse_agents() {
        Tenants.WhatsAppBot other = Tenants.offlineBot(api, "[]");
        UUID theirs = deadDelivery(other.organizationId(), path);
        ConsoleHttp admin = signedIn("admin");
        ConsoleHttp agent = signedIn("agent");

        HttpResponse<String> replayed = admin.postWithCsrf(ROUTE + "/" + theirs + "/replay", Map.of());
        HttpResponse<String> page = admin.get(ROUTE);
        HttpResponse<String> agentPage = agent.get(ROUTE);
        HttpResponse<String> agentReplay = agent.postWithCsrf(ROUTE + "/" + theirs + "/replay", Map.of());

        assertThat(replayed.statusCode()).isEqualTo(404);
        assertThat(replayed.body()).contains("data-test=\"not-found\"");
        assertThat(page.body())
                .contains("data-test=\"alert-dead-letters-empty\"")
                .doesNotContain(theirs.toString());
        assertThat(agentPage.statusCode()).isEqualTo(403);
        assertThat(agentReplay.statusCode()).isEqualTo(403);
        assertThat(status(theirs)).isEqualTo("dead");
    }

    /**
     * A Slack sink at WireMock's {@code path} that accepts only critical events, one event it does not accept (so no
     * delivery is attempted), and a dead delivery of that event as the retries would have left it.
     */
    private UUID deadDelivery(String org, String path) {
        OrganizationId organization = new OrganizationId(UUID.fromString(org));
        AlertSinks.Sink sink = alertSinks.create(
                organization,
                new AlertSinks.NewSink("slack", Fakes.baseUrl() + path, null, null, "critical", List.of("*")));
        String type = "console.test.failed";
        events.record(SystemEvent.of(SystemEvent.Level.INFO, type)
                .organization(organization)
                .build());
        long eventId = jdbc.sql("select max(id) from system_events where organization_id = :org and type = :type")
                .param("org", organization.value())
                .param("type", type)
                .query(Long.class)
                .single();
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into alert_deliveries (id, organization_id, sink_id, event_id, status, attempts,
                                                      last_error, finished_at)
                        values (:id, :org, :sink, :event, 'dead', 3, 'http_500', now())""")
                .param("id", id)
                .param("org", organization.value())
                .param("sink", sink.id())
                .param("event", eventId)
                .update();
        return id;
    }

    private String status(UUID delivery) {
        return jdbc.sql("select status from alert_deliveries where id = :id")
                .param("id", delivery)
                .query(String.class)
                .single();
    }

    private ConsoleHttp signedIn(String role) {
        return new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), role), ConsoleStaff.PASSWORD);
    }
}
