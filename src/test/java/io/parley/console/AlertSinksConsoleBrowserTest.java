package io.parley.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.alerts.AlertSinks;
import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.OrganizationId;
import io.parley.testing.Fakes;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Alert sinks and alert dead letters in Chromium: a refused private address with the input kept, an email sink added
 * and deleted, the alerts tab of Dead letters with a dead delivery replayed; on a phone-sized window too.
 */
class AlertSinksConsoleBrowserTest extends IntegrationTestSupport {
    @Autowired
    AlertSinks alertSinks;

    @Autowired
    SystemEvents events;

    @Test
    void should_refuse_a_private_address_add_an_email_sink_and_delete_it() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String admin = ConsoleStaff.create(api, bot.organizationId(), "admin");
        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(admin, ConsoleStaff.PASSWORD);
            browser.open("/console/settings");
            browser.find("settings-nav-alert-sinks").click();
            browser.await("alert-sinks-empty");
            browser.screenshot("settings-alert-sinks-empty");

            new Select(browser.find("alert-sink-type")).selectByValue("webhook");
            browser.find("alert-sink-url").sendKeys("http://10.1.2.3/alerts");
            browser.find("alert-sink-secret").sendKeys("a-signing-secret-of-32-characters");
            browser.find("alert-sink-create").click();
            assertThat(browser.await("flash-error").getText()).contains("egress policy");
            assertThat(browser.find("alert-sink-url").getAttribute("value")).isEqualTo("http://10.1.2.3/alerts");
            assertThat(browser.find("alert-sink-secret").getAttribute("value")).isEmpty();
            assertThat(new Select(browser.find("alert-sink-type"))
                            .getFirstSelectedOption()
                            .getAttribute("value"))
                    .isEqualTo("webhook");

            new Select(browser.find("alert-sink-type")).selectByValue("email");
            browser.find("alert-sink-url").clear();
            browser.find("alert-sink-to").sendKeys("ops@example.com");
            new Select(browser.find("alert-sink-level")).selectByValue("error");
            browser.find("alert-sink-create").click();
            assertThat(browser.await("flash-ok").getText()).isEqualTo("The alert sink was added.");
            assertThat(browser.find("alert-sink").getText()).contains("ops@example.com", "Error");
            browser.screenshot("settings-alert-sinks");

            browser.find("alert-sink-delete").click();
            browser.waiting().until(ExpectedConditions.alertIsPresent()).accept();
            assertThat(browser.await("flash-ok").getText()).isEqualTo("The alert sink was deleted.");
            browser.await("alert-sinks-empty");
        }
    }

    @Test
    void should_replay_a_dead_alert_delivery_from_the_alerts_tab_on_a_phone() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        OrganizationId organization = new OrganizationId(UUID.fromString(bot.organizationId()));
        String hook = "/alerts/" + UUID.randomUUID();
        Fakes.wiremock().stubFor(post(urlEqualTo(hook)).willReturn(aResponse().withStatus(200)));
        AlertSinks.Sink sink = alertSinks.create(
                organization,
                new AlertSinks.NewSink("slack", Fakes.baseUrl() + hook, null, null, "critical", List.of()));
        events.record(SystemEvent.of(SystemEvent.Level.INFO, "browser_test.failed")
                .organization(organization)
                .build());
        UUID delivery = UUID.randomUUID();
        jdbc.sql("""
                        insert into alert_deliveries (id, organization_id, sink_id, event_id, status, attempts, last_error)
                        select :id, :org, :sink, max(id), 'dead', 3, 'http_500' from system_events
                        where organization_id = :org and type = 'browser_test.failed'""")
                .param("id", delivery)
                .param("org", organization.value())
                .param("sink", sink.id())
                .update();
        String admin = ConsoleStaff.create(api, bot.organizationId(), "admin");
        try (ConsoleBrowser browser = new ConsoleBrowser(port, 390, 844)) {
            browser.signIn(admin, ConsoleStaff.PASSWORD);
            browser.open("/console/dead-letters");
            browser.find("dead-letters-tab-alerts").click();
            assertThat(browser.await("alert-dead-letter").getAttribute("data-delivery-id"))
                    .isEqualTo(delivery.toString());
            assertThat((Boolean) browser.script("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("no sideways scrolling at 390 px")
                    .isTrue();
            browser.screenshot("dead-letters-alerts");

            browser.find("alert-dead-letter-replay").click();
            assertThat(browser.await("flash-ok").getText()).isEqualTo("The alert was queued again.");
            browser.waiting()
                    .until(d -> "delivered"
                            .equals(jdbc.sql("select status from alert_deliveries where id = :id")
                                    .param("id", delivery)
                                    .query(String.class)
                                    .single()));
            Fakes.wiremock().verify(1, postRequestedFor(urlEqualTo(hook)));
        }
    }
}
