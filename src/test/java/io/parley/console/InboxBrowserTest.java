package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.Webhooks;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The inbox in headless Chromium: live updates over SSE without a reload, the filters, and a phone-sized window. */
class InboxBrowserTest extends IntegrationTestSupport {

    @Test
    void should_show_a_customer_message_arriving_over_the_webhook_without_a_reload() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String email = ConsoleStaff.create(api, bot.organizationId(), "agent");
        InboxConversations conversations = new InboxConversations(jdbc, bot);
        conversations.add(
                "Earlier Customer",
                "+15550404040",
                "Are you open on Sunday?",
                time.now().minusSeconds(60));
        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(email, ConsoleStaff.PASSWORD);
            browser.await("inbox-item");
            browser.waiting().until(ExpectedConditions.attributeToBe(By.id("inbox-live"), "data-live", "open"));
            browser.script("document.body.setAttribute('data-loaded-once', 'yes')");

            Webhooks.post(
                    api,
                    WhatsAppPayloads.text(
                            bot.phoneNumberId(), "15557771234", WhatsAppPayloads.newWamid(), "Live hello"),
                    bot.appSecret());

            browser.waiting()
                    .until(d ->
                            d.findElements(ConsoleBrowser.test("inbox-item")).size() == 2);
            List<WebElement> items = browser.driver().findElements(ConsoleBrowser.test("inbox-item"));
            assertThat(items.getFirst().getText()).contains("+15557771234");
            assertThat(browser.driver().findElement(By.tagName("body")).getAttribute("data-loaded-once"))
                    .as("the page was not reloaded")
                    .isEqualTo("yes");
            browser.waiting().until(d -> !d.findElement(By.id("live")).getText().isBlank());
            browser.screenshot("inbox");
        }
    }

    @Test
    void should_filter_the_conversations_waiting_for_a_human() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String email = ConsoleStaff.create(api, bot.organizationId(), "admin");
        InboxConversations conversations = new InboxConversations(jdbc, bot);
        Instant now = time.now();
        conversations.add("Bot Handles This", "+15550505050", "What are your prices?", now.minusSeconds(60));
        UUID waiting = conversations.add("Needs A Person", "+15550505051", "I want to talk to someone", now);
        conversations.owner(waiting, "human");
        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(email, ConsoleStaff.PASSWORD);
            browser.waiting()
                    .until(d ->
                            d.findElements(ConsoleBrowser.test("inbox-item")).size() == 2);

            browser.find("inbox-waiting").click();

            // The live inbox may re-render the list while it is read: read it again until one reading holds.
            List<String> item = browser.waiting()
                    .ignoring(StaleElementReferenceException.class)
                    .until(d -> {
                        List<WebElement> items = d.findElements(ConsoleBrowser.test("inbox-item"));
                        if (items.size() != 1) {
                            return null;
                        }
                        WebElement badge = items.getFirst().findElement(ConsoleBrowser.test("owner-badge"));
                        return List.of(
                                items.getFirst().getAttribute("data-conversation-id"),
                                badge.getText(),
                                badge.getAttribute("class"));
                    });
            assertThat(item).containsExactly(waiting.toString(), "human", "badge human");
            browser.waiting().until(d -> d.getCurrentUrl().contains("waiting=on"));
            browser.screenshot("inbox-waiting");
        }
    }

    @Test
    void should_fit_a_phone_sized_window() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String email = ConsoleStaff.create(api, bot.organizationId(), "agent");
        InboxConversations conversations = new InboxConversations(jdbc, bot);
        conversations.add(
                "Phone Person With A Rather Long Name",
                "+15550606060",
                "Hello ".repeat(30),
                time.now().minusSeconds(60));
        try (ConsoleBrowser browser = new ConsoleBrowser(port, 390, 844)) {
            browser.signIn(email, ConsoleStaff.PASSWORD);
            browser.await("inbox-item");

            Object overflow = browser.script(
                    "return document.documentElement.scrollWidth > document.documentElement.clientWidth");
            assertThat(overflow).as("no horizontal scrolling at 390 px").isEqualTo(false);
            assertThat(browser.find("inbox-search").isDisplayed()).isTrue();
            browser.screenshot("inbox-phone");
        }
    }
}
