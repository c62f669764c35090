package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.contacts.Contacts;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.usage.UsageLedger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The usage page in Chromium: Chart.js draws each chart from the recorded numbers, also on a phone. */
class UsageConsoleBrowserTest extends IntegrationTestSupport {
    @Autowired
    UsageLedger ledger;

    @Autowired
    Contacts contacts;

    @Test
    void should_draw_the_charts_with_the_recorded_numbers() {
        UsageConsoleIntegrationTest.Recorded usage =
                UsageConsoleIntegrationTest.record(api, jdbc, time.now(), ledger, contacts);
        String admin = ConsoleStaff.create(api, usage.bot().organizationId(), "admin");
        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(admin, ConsoleStaff.PASSWORD);
            browser.open("/console/usage?" + usage.period());
            browser.await("usage-chart");
            browser.waiting()
                    .until(d -> Boolean.TRUE.equals(
                            browser.script("return Array.from(document.querySelectorAll('[data-test=usage-chart]'))"
                                    + ".every(c => window.Chart && Chart.getChart(c) != null);")));

            assertThat(browser.driver().findElements(ConsoleBrowser.test("usage-chart")))
                    .hasSize(6);
            assertThat(drawn(browser, "usage-messages-chatbot"))
                    .isEqualTo(Map.of("Sales", List.of("1"), "Support", List.of("2")));
            assertThat(drawn(browser, "usage-tokens-chatbot"))
                    .isEqualTo(Map.of("Sales", List.of("35"), "Support", List.of("180")));
            assertThat(drawn(browser, "usage-cost-chatbot"))
                    .isEqualTo(Map.of("Sales", List.of("0.5"), "Support", List.of("0.02")));
            assertThat(drawn(browser, "usage-tokens-model"))
                    .isEqualTo(Map.of("anthropic/claude-3-haiku", List.of("35"), "openai/gpt-4o-mini", List.of("180")));
            assertThat(browser.script(
                            "return Chart.getChart(document.getElementById('usage-cost-model')).data.labels;"))
                    .isEqualTo(List.of(usage.day().toString()));
            String table = (String) browser.script(
                    "return document.querySelector('[data-chart-table=usage-tokens-model]').textContent;");
            assertThat(table.replaceAll("\\s+", " "))
                    .contains("anthropic/claude-3-haiku openai/gpt-4o-mini", usage.day() + " 35 180");
            assertThat(browser.find("usage-top-contact").getAttribute("data-contact-id"))
                    .isEqualTo(usage.contact().value().toString());
            browser.screenshot("usage");
        }
    }

    @Test
    void should_fit_the_usage_page_on_a_phone() {
        UsageConsoleIntegrationTest.Recorded usage =
                UsageConsoleIntegrationTest.record(api, jdbc, time.now(), ledger, contacts);
        String admin = ConsoleStaff.create(api, usage.bot().organizationId(), "admin");
        try (ConsoleBrowser browser = new ConsoleBrowser(port, 390, 844)) {
            browser.signIn(admin, ConsoleStaff.PASSWORD);
            browser.open("/console/usage?" + usage.period());
            browser.await("usage-chart");
            assertThat(browser.script("return window.innerWidth;")).isEqualTo(390L);
            browser.waiting()
                    .until(
                            d -> Boolean.TRUE.equals(
                                    browser.script(
                                            "var c = document.getElementById('usage-messages-chatbot'); return !!(window.Chart && Chart.getChart(c));")));

            Number pageWidth = (Number) browser.script("return document.documentElement.scrollWidth;");
            Number canvasWidth = (Number) browser.script(
                    "return document.getElementById('usage-messages-chatbot').getBoundingClientRect().width;");
            Object wide = browser.script("return Array.from(document.querySelectorAll('body *'))"
                    + ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
                    + ".map(e => e.tagName + '.' + e.className + '#' + e.id + ':' + Math.round(e.getBoundingClientRect().right))"
                    + ".slice(0, 8).join(' ');");
            assertThat(pageWidth.intValue())
                    .as("wider than the window: %s", wide)
                    .isLessThanOrEqualTo(390);
            assertThat(canvasWidth.intValue()).isPositive().isLessThanOrEqualTo(390);
            assertThat(browser.driver()
                            .findElement(By.cssSelector("[data-test=usage-from]"))
                            .isDisplayed())
                    .isTrue();
            browser.screenshot("usage-phone");
        }
    }

    /** Series name → values as drawn by Chart.js, compared as plain decimal strings. */
    private static Map<String, List<String>> drawn(ConsoleBrowser browser, String chartId) {
        String json = (String) browser.script(
                "var chart = Chart.getChart(document.getElementById(arguments[0]));"
                        + "var out = {}; chart.data.datasets.forEach(s => out[s.label] = s.data.map(String));"
                        + "return JSON.stringify(out);",
                chartId);
        JsonNode node = Api.json().readTree(json);
        Map<String, List<String>> series = new java.util.TreeMap<>();
        node.properties()
                .forEach(e -> series.put(
                        e.getKey(),
                        e.getValue().valueStream().map(JsonNode::asString).toList()));
        return series;
    }
}
