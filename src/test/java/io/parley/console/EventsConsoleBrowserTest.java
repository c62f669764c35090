package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

/** The events page in Chromium: filter by level, acknowledge one. */
class EventsConsoleBrowserTest extends IntegrationTestSupport {
    @Autowired
    SystemEvents events;

    @Test
    void should_filter_by_level_and_acknowledge_an_event() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        long warn = EventsConsoleIntegrationTest.event(
                events, bot.organizationId(), SystemEvent.Level.WARN, "usage.limit_reached");
        EventsConsoleIntegrationTest.event(events, bot.organizationId(), SystemEvent.Level.ERROR, "delivery.failed");
        EventsConsoleIntegrationTest.event(events, bot.organizationId(), SystemEvent.Level.INFO, "console.checked");
        String admin = ConsoleStaff.create(api, bot.organizationId(), "admin");
        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(admin, ConsoleStaff.PASSWORD);
            browser.open("/console/events");
            browser.await("events-table");
            assertThat(browser.driver().findElements(ConsoleBrowser.test("event")))
                    .hasSize(3);
            browser.screenshot("events");

            new Select(browser.find("events-level")).selectByValue("warn");
            browser.find("events-apply").click();
            browser.waiting().until(d -> d.getCurrentUrl().contains("level=warn"));
            assertThat(browser.driver().findElements(ConsoleBrowser.test("event")))
                    .singleElement()
                    .satisfies(e -> assertThat(e.getAttribute("data-event-id")).isEqualTo(Long.toString(warn)));

            browser.find("event-ack").click();
            WebElement acknowledged = browser.await("event-acknowledged");
            assertThat(acknowledged.getText()).contains("user:");
            assertThat(browser.find("flash-ok").getText()).contains(Long.toString(warn));
            assertThat(browser.driver().getCurrentUrl()).contains("level=warn");
            assertThat(events.find(warn).orElseThrow().acknowledgedAt()).isNotNull();
        }
    }
}
