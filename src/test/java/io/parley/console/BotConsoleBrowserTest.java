package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** An admin sets a bot up in the console in headless Chromium: create, FAQ, channels, test chat, templates. */
class BotConsoleBrowserTest extends IntegrationTestSupport {

    @Test
    void should_create_a_bot_connect_whatsapp_and_a_web_widget_and_chat_with_it() {
        String org = Tenants.organization(api, "Console bots " + UUID.randomUUID());
        String email = ConsoleStaff.create(api, org, "admin");
        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(email, ConsoleStaff.PASSWORD);
            browser.find("nav-bots").click();
            browser.await("bots-empty");
            browser.find("bot-create-name").sendKeys("Shop helper");
            browser.find("bot-create-prompt").sendKeys("You answer questions about the shop.");
            browser.screenshot("bots");
            browser.find("bot-create-submit").click();

            assertThat(browser.await("bot-name").getText()).isEqualTo("Shop helper");
            browser.find("faq-add").click();
            browser.find("faq-question").sendKeys("Do you ship to Spain?");
            browser.find("faq-answer").sendKeys("Yes, in 2 to 4 working days.");
            browser.find("bot-save").click();
            browser.await("saved");
            assertThat(browser.driver().findElements(ConsoleBrowser.test("faq-row")))
                    .hasSize(1);
            browser.screenshot("bot-settings");

            browser.find("tab-channels").click();
            browser.await("channels-empty");
            String phoneNumberId = Long.toString(200_000_000_000_000L + System.nanoTime() % 1_000_000_000L);
            browser.find("wa-phone-number-id").sendKeys(phoneNumberId);
            browser.find("wa-access-token")
                    .sendKeys("EAAtest" + UUID.randomUUID().toString().replace("-", ""));
            browser.find("wa-app-secret").sendKeys("app-secret-" + UUID.randomUUID());
            String verifyToken = browser.find("wa-verify-token").getAttribute("value");
            assertThat(verifyToken).startsWith("parley-");
            browser.find("wa-connect").click();

            assertThat(browser.await("webhook-url").getText())
                    .isEqualTo("http://localhost:" + port + "/webhooks/whatsapp");
            assertThat(browser.find("verify-token").getText()).isEqualTo(verifyToken);
            browser.find("web-origins").sendKeys("https://shop.example");
            browser.find("web-connect").click();
            assertThat(browser.await("widget-snippet").getText())
                    .matches("<script src=\"http://localhost:" + port
                            + "/widget\\.js\" data-parley-key=\"pk_[^\"]+\" async></script>");
            assertThat(browser.driver().findElements(ConsoleBrowser.test("channel")))
                    .hasSize(2);
            browser.screenshot("bot-channels");

            browser.find("tab-settings").click();
            browser.await("chat-allow-origin").click();
            browser.await("chat-open").click();
            SearchContext widget = browser.waiting().until(d -> {
                SearchContext shadow = d.findElement(By.id("parley-widget")).getShadowRoot();
                return shadow.findElement(By.cssSelector(".panel")).isDisplayed() ? shadow : null;
            });
            WebElement input = widget.findElement(By.cssSelector("textarea"));
            input.sendKeys("Do you ship to Spain?");
            input.sendKeys(Keys.ENTER);
            WebElement answer =
                    browser.waiting().until(d -> widget.findElement(By.cssSelector(".message.bot[data-id]")));
            assertThat(answer.getText()).isEqualTo("Yes, in 2 to 4 working days.");
        }
    }

    @Test
    void should_list_the_templates_and_set_the_window_template() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        Api.Response template = api.post("/api/v1/chatbots/" + bot.chatbotId() + "/templates", """
                {"name": "order_update", "language": "en_US", "category": "UTILITY",
                 "body": "Hello {{1}}, we have news about your order."}""");
        assertThat(template.status()).as(template.body()).isEqualTo(201);
        String email = ConsoleStaff.create(api, bot.organizationId(), "admin");
        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(email, ConsoleStaff.PASSWORD);
            browser.open("/console/bots/" + bot.chatbotId() + "/templates");
            assertThat(browser.await("template-status").getText()).isEqualTo("approved");

            new Select(browser.find("window-template-select")).selectByValue("order_update|en_US");
            browser.find("window-template-save").click();
            assertThat(browser.await("form-error").getText()).contains("1 body parameter");

            browser.driver().findElement(By.id("window-parameters")).sendKeys("{{contact.name|there}}");
            browser.find("window-template-save").click();
            browser.waiting().until(ExpectedConditions.invisibilityOfElementLocated(ConsoleBrowser.test("form-error")));
            Api.Response window = api.get("/api/v1/chatbots/" + bot.chatbotId() + "/window-template");
            assertThat(window.text("name")).as(window.body()).isEqualTo("order_update");
            assertThat(browser.await("window-current").getText()).contains("order_update", "en_US");
            browser.screenshot("templates");

            browser.find("window-template-clear").click();
            browser.await("window-cleared");
            browser.await("window-current-none");
            assertThat(api.get("/api/v1/chatbots/" + bot.chatbotId() + "/window-template")
                            .status())
                    .as("no window template")
                    .isEqualTo(204);

            browser.find("templates-sync").click();
            assertThat(browser.await("form-error").getText()).contains("businessAccountId");
        }
    }

    @Test
    void should_pause_the_bot_so_a_whatsapp_message_gets_no_reply_until_it_is_resumed() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(
                api, "[{\"question\": \"What are your opening hours?\", \"answer\": \"Nine to five.\"}]");
        String email = ConsoleStaff.create(api, bot.organizationId(), "admin");
        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(email, ConsoleStaff.PASSWORD);
            browser.open("/console/bots/" + bot.chatbotId());
            browser.find("bot-pause").click();
            browser.await("bot-paused");
            browser.await("bot-resume");
            browser.screenshot("bot-settings-paused");

            WhatsAppChat chat = WhatsAppChat.start(api, bot);
            chat.says("What are your opening hours?");
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> api.get("/api/v1/organizations/" + bot.organizationId() + "/events?type=turn.paused")
                                    .json()
                                    .size()
                            >= 1);
            assertThat(GraphFake.sends(bot.phoneNumberId())).isEmpty();

            browser.find("bot-resume").click();
            browser.await("bot-pause");
            assertThat(browser.driver().findElements(ConsoleBrowser.test("bot-paused")))
                    .isEmpty();
            chat.says("What are your opening hours?");
            assertThat(chat.awaitReceived(1)).containsExactly("Nine to five.");
        }
    }

    @Test
    void should_save_the_chosen_built_in_tools() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String email = ConsoleStaff.create(api, bot.organizationId(), "admin");
        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(email, ConsoleStaff.PASSWORD);
            browser.open("/console/bots/" + bot.chatbotId());
            List<WebElement> boxes = browser.driver().findElements(By.cssSelector("input[name='builtin']"));
            assertThat(boxes).hasSizeGreaterThanOrEqualTo(2);
            String first = boxes.get(0).getAttribute("value");
            String second = boxes.get(1).getAttribute("value");
            boxes.get(0).click();
            boxes.get(1).click();
            browser.find("bot-tools-save").click();
            browser.await("saved");
            assertThat(builtins(bot)).containsExactlyInAnyOrder(first, second);

            browser.driver()
                    .findElement(By.cssSelector("input[name='builtin'][value='" + first + "']"))
                    .click();
            browser.find("bot-tools-save").click();
            browser.await("saved");
            assertThat(builtins(bot)).containsExactly(second);
            assertThat(browser.driver()
                            .findElement(By.cssSelector("input[name='builtin'][value='" + second + "']"))
                            .isSelected())
                    .isTrue();
        }
    }

    private List<String> builtins(Tenants.WhatsAppBot bot) {
        List<String> names = new ArrayList<>();
        api.get("/api/v1/chatbots/" + bot.chatbotId() + "/tools")
                .json()
                .path("builtins")
                .forEach(name -> names.add(name.asString()));
        return names;
    }

    @Test
    void should_fit_the_bots_page_on_a_phone() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String email = ConsoleStaff.create(api, bot.organizationId(), "admin");
        try (ConsoleBrowser browser = new ConsoleBrowser(port, 390, 844)) {
            browser.signIn(email, ConsoleStaff.PASSWORD);
            api.post(
                    "/api/v1/chatbots/" + bot.chatbotId() + "/channels",
                    "{\"type\": \"web\", \"allowedOrigins\": [\"https://a-rather-long-shop-name.example\"]}");
            browser.open("/console/bots/" + bot.chatbotId() + "/channels");
            browser.await("web-settings-open").click();
            browser.await("web-settings-origins");
            browser.find("channel-disconnect").click();
            browser.await("channel-disconnect-yes");
            Object overflow = browser.script(
                    "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
            assertThat(overflow).isEqualTo(false);
            browser.screenshot("bot-channels-phone");

            browser.open("/console/bots/" + bot.chatbotId() + "/knowledge");
            browser.await("sources-empty");
            assertThat(browser.script(
                            "return document.documentElement.scrollWidth > document.documentElement.clientWidth;"))
                    .as("the knowledge page fits too")
                    .isEqualTo(false);
            browser.screenshot("knowledge-phone");
        }
    }
}
