package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/** An admin changes a web channel's origins, guests and look on the channels page, then disconnects it. */
class BotChannelSettingsBrowserTest extends IntegrationTestSupport {

    @Test
    void should_save_a_web_channels_settings_show_a_bad_origin_next_to_the_form_and_disconnect_after_confirming() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String web = webChannel(bot);
        String email = ConsoleStaff.create(api, bot.organizationId(), "admin");
        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(email, ConsoleStaff.PASSWORD);
            browser.open("/console/bots/" + bot.chatbotId() + "/channels");
            browser.await("web-settings-open").click();
            WebElement origins = browser.await("web-settings-origins");
            assertThat(origins.getAttribute("value")).isEqualTo("https://shop.example");
            origins.clear();
            origins.sendKeys("https://shop.example\nhttps://www.shop.example");
            browser.find("web-settings-guests").click();
            browser.find("web-settings-title").sendKeys("Shop help");
            browser.find("web-settings-color").sendKeys("#12ab34");
            browser.find("web-settings-welcomeMessage").sendKeys("Hi! Ask me about your order.");
            browser.screenshot("bot-channels-web-settings");
            browser.find("web-settings-save").click();

            browser.await("web-settings-saved");
            JsonNode saved = channel(bot, web);
            List<String> savedOrigins = new ArrayList<>();
            saved.path("allowedOrigins").forEach(origin -> savedOrigins.add(origin.asString()));
            assertThat(savedOrigins).containsExactly("https://shop.example", "https://www.shop.example");
            assertThat(saved.path("acceptGuests").asBoolean()).isFalse();
            assertThat(saved.path("widget").path("title").asString()).isEqualTo("Shop help");
            assertThat(saved.path("widget").path("color").asString()).isEqualTo("#12ab34");
            assertThat(saved.path("widget").path("welcomeMessage").asString())
                    .isEqualTo("Hi! Ask me about your order.");

            browser.find("web-settings-open").click();
            assertThat(browser.await("web-settings-guests").isSelected()).isFalse();
            browser.find("web-settings-origins").sendKeys("\nshop.example/help");
            browser.find("web-settings-save").click();
            assertThat(browser.await("web-settings-error").getText()).contains("must be exact origins");
            assertThat(browser.find("web-settings-origins").getAttribute("value"))
                    .isEqualTo("https://shop.example\nhttps://www.shop.example\nshop.example/help");
            assertThat(channel(bot, web).path("allowedOrigins")).hasSize(2);
            browser.screenshot("bot-channels-web-settings-error");

            WebElement webCard = browser.driver()
                    .findElement(org.openqa.selenium.By.cssSelector("[data-test='channel'][data-channel-type='web']"));
            webCard.findElement(ConsoleBrowser.test("channel-disconnect")).click();
            WebElement yes = webCard.findElement(ConsoleBrowser.test("channel-disconnect-yes"));
            browser.waiting().until(d -> yes.isDisplayed());
            assertThat(channelIds(bot))
                    .as("nothing happens before the second button")
                    .contains(web);
            browser.screenshot("bot-channels-disconnect");
            yes.click();

            browser.waiting()
                    .until(d -> d.findElements(ConsoleBrowser.test("channel")).size() == 1);
            assertThat(channelIds(bot)).containsExactly(bot.channelId());
        }
    }

    private String webChannel(Tenants.WhatsAppBot bot) {
        Api.Response web = api.post(
                "/api/v1/chatbots/" + bot.chatbotId() + "/channels",
                "{\"type\": \"web\", \"name\": \"Shop\", \"allowedOrigins\": [\"https://shop.example\"]}");
        assertThat(web.status()).as(web.body()).isEqualTo(201);
        return web.text("id");
    }

    private List<String> channelIds(Tenants.WhatsAppBot bot) {
        List<String> ids = new ArrayList<>();
        api.get("/api/v1/chatbots/" + bot.chatbotId() + "/channels")
                .json()
                .forEach(channel -> ids.add(channel.path("id").asString()));
        return ids;
    }

    private JsonNode channel(Tenants.WhatsAppBot bot, String channelId) {
        for (JsonNode channel :
                api.get("/api/v1/chatbots/" + bot.chatbotId() + "/channels").json()) {
            if (channelId.equals(channel.path("id").asString())) {
                return channel;
            }
        }
        throw new AssertionError("no channel " + channelId);
    }
}
