package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.OrganizationId;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The events page over HTTP: filters, acknowledgement, bad input, CSRF, roles and other organizations' events. */
class EventsConsoleIntegrationTest extends IntegrationTestSupport {
    @Autowired
    SystemEvents events;

    Tenants.WhatsAppBot bot;

    @BeforeEach
    void organization() {
        bot = Tenants.offlineBot(api, "[]");
    }

    /** Records an event of the organization and returns its id. */
    static long event(SystemEvents events, String organizationId, SystemEvent.Level level, String type) {
        OrganizationId org = new OrganizationId(UUID.fromString(organizationId));
        events.record(SystemEvent.of(level, type)
                .organization(org)
                .with("note", type + "-" + level)
                .build());
        return events.list(org, type, level, 1).getFirst().id();
    }

    @Test
    void should_filter_by_level_and_by_type_namespace() {
        event(events, bot.organizationId(), SystemEvent.Level.WARN, "console_test.limit");
        event(events, bot.organizationId(), SystemEvent.Level.ERROR, "console_test.failed");
        event(events, bot.organizationId(), SystemEvent.Level.INFO, "other_test.done");
        ConsoleHttp admin = signedIn("admin");

        String warn = admin.get("/console/events?level=warn").body();
        String namespace = admin.get("/console/events?type=console_test.").body();

        assertThat(warn).contains("console_test.limit").doesNotContain("console_test.failed", "other_test.done");
        assertThat(namespace)
                .contains("console_test.limit", "console_test.failed")
                .doesNotContain("other_test.done");
        assertThat(admin.get("/console/events?level=loud").statusCode()).isEqualTo(400);
    }

    @Test
    void should_acknowledge_an_event_and_say_so() {
        long id = event(events, bot.organizationId(), SystemEvent.Level.WARN, "console_test.ack");
        ConsoleHttp admin = signedIn("admin");

        HttpResponse<String> acked = admin.postWithCsrf("/console/events/" + id + "/ack", Map.of("level", "warn"));

        assertThat(acked.statusCode()).isEqualTo(302);
        assertThat(acked.headers().firstValue("Location"))
                .hasValueSatisfying(l -> assertThat(l).contains("/console/events?level=warn", "acknowledged=" + id));
        assertThat(events.find(id).orElseThrow().acknowledgedBy()).startsWith("user:");
    }

    @Test
    void should_not_acknowledge_another_organizations_event_or_without_the_csrf_token() {
        Tenants.WhatsAppBot other = Tenants.offlineBot(api, "[]");
        long theirs = event(events, other.organizationId(), SystemEvent.Level.ERROR, "console_test.theirs");
        long ours = event(events, bot.organizationId(), SystemEvent.Level.ERROR, "console_test.ours");
        ConsoleHttp admin = signedIn("admin");

        HttpResponse<String> foreign = admin.postWithCsrf("/console/events/" + theirs + "/ack", Map.of());
        HttpResponse<String> malformed = admin.postWithCsrf("/console/events/not-a-number/ack", Map.of());
        HttpResponse<String> forged = admin.postForm("/console/events/" + ours + "/ack", Map.of());

        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).contains("data-test=\"not-found\"");
        assertThat(malformed.statusCode()).isEqualTo(404);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(events.find(theirs).orElseThrow().acknowledgedAt()).isNull();
        assertThat(events.find(ours).orElseThrow().acknowledgedAt()).isNull();
        assertThat(admin.get("/console/events").body()).doesNotContain("console_test.theirs");
    }

    @Test
    void should_show_agents_the_not_allowed_page_and_not_acknowledge() {
        long id = event(events, bot.organizationId(), SystemEvent.Level.WARN, "console_test.agent");
        ConsoleHttp agent = signedIn("agent");

        HttpResponse<String> page = agent.get("/console/events");
        HttpResponse<String> ack = agent.postWithCsrf("/console/events/" + id + "/ack", Map.of());

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).doesNotContain("console_test.agent", "data-test=\"nav-events\"");
        assertThat(ack.statusCode()).isEqualTo(403);
        assertThat(events.find(id).orElseThrow().acknowledgedAt()).isNull();
    }

    private ConsoleHttp signedIn(String role) {
        return new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), role), ConsoleStaff.PASSWORD);
    }
}
