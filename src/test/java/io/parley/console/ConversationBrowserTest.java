package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.Webhooks;
import io.parley.testing.WhatsAppChat;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The conversation page in headless Chromium: an agent takes a WhatsApp conversation over, answers through the
 * composer (the fake Graph API receives it), sees the customer's next message arrive without a reload while the bot
 * stays silent, and hands it back; a closed window offers the approved templates instead of free text.
 */
class ConversationBrowserTest extends IntegrationTestSupport {

    @Test
    void should_take_over_answer_see_the_reply_live_and_hand_back() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("Bot answer.");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("Hi");
        chat.awaitReceived(1);
        String conversationId = chat.conversationId();
        String agent = ConsoleStaff.create(api, bot.organizationId(), "agent");

        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(agent, ConsoleStaff.PASSWORD);
            browser.open("/console/conversations/" + conversationId);
            browser.waiting().until(d -> roles(browser).equals(List.of("user", "assistant")));
            assertThat(browser.find("owner-badge").getText()).isEqualTo("bot");

            browser.find("takeover").click();
            browser.waiting().until(d -> browser.find("owner-badge").getText().equals("human"));
            assertThat(ConversationFixtures.owner(api, conversationId)).isEqualTo("human");
            assertThat(browser.driver().findElements(By.cssSelector("[data-type='conversation.taken_over']")))
                    .singleElement()
                    .satisfies(e -> assertThat(e.getText()).contains("Agent Person"));
            assertThat(browser.driver().findElements(ConsoleBrowser.test("handback")))
                    .hasSize(1);

            browser.find("composer").sendKeys("Hello, this is Maria from Acme.");
            browser.find("send").click();
            assertThat(chat.awaitReceived(2)).containsExactly("Bot answer.", "Hello, this is Maria from Acme.");
            browser.waiting().until(d -> roles(browser).equals(List.of("user", "assistant", "agent")));
            browser.waiting()
                    .until(d -> browser.find("composer").getAttribute("value").isEmpty());
            String wamid = agentWamid(chat);
            Webhooks.post(
                    api, WhatsAppPayloads.status(bot.phoneNumberId(), wamid, "read", chat.waId()), bot.appSecret());
            browser.waiting()
                    .until(d -> "read"
                            .equals(lastMessage(browser)
                                    .findElement(ConsoleBrowser.test("delivery-status"))
                                    .getAttribute("data-status")));

            chat.says("Is anybody there?");
            browser.waiting().until(d -> lastMessage(browser).getText().contains("Is anybody there?"));
            assertThat(lastMessage(browser).getAttribute("data-role")).isEqualTo("user");
            browser.waiting()
                    .until(d -> d.findElement(By.id("live"))
                            .getAttribute("textContent")
                            .contains("new message"));
            time.advance(PAST_EVERY_RETRY);
            assertThat(chat.received()).as("the bot stays silent").hasSize(2);
            assertThat(bot.llm().requests()).hasSize(1);
            browser.screenshot("conversation");

            browser.find("handback").click();
            browser.waiting().until(d -> browser.find("owner-badge").getText().equals("bot"));
            assertThat(ConversationFixtures.owner(api, conversationId)).isEqualTo("bot");
            assertThat(browser.driver().findElements(ConsoleBrowser.test("takeover")))
                    .hasSize(1);
        }
    }

    @Test
    void should_offer_the_approved_templates_when_the_window_is_closed_and_send_one() {
        Tenants.WhatsAppBot bot = ConversationFixtures.templateBot(api);
        ConversationFixtures.template(api, bot, "draft_offer", "Not yet approved {{1}}", "pending");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("opening hours");
        chat.awaitReceived(1);
        String conversationId = chat.conversationId();
        ConversationFixtures.closeWindow(jdbc, conversationId);
        String owner = ConsoleStaff.create(api, bot.organizationId(), "owner");

        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(owner, ConsoleStaff.PASSWORD);
            browser.open("/console/conversations/" + conversationId);
            browser.await("template-picker");
            assertThat(browser.driver().findElements(ConsoleBrowser.test("composer")))
                    .isEmpty();
            assertThat(browser.find("window-status").getAttribute("data-open")).isEqualTo("false");
            List<WebElement> options = browser.driver().findElements(ConsoleBrowser.test("template-option"));
            assertThat(options).extracting(o -> o.getAttribute("data-template")).containsExactly("order_update");
            List<WebElement> fields = options.getFirst().findElements(ConsoleBrowser.test("template-parameter"));
            assertThat(fields).hasSize(2);
            fields.get(0).sendKeys("Ana");
            fields.get(1).sendKeys("A-1042");
            browser.screenshot("conversation-template-picker");

            options.getFirst().findElement(ConsoleBrowser.test("send-template")).click();

            await().atMost(Duration.ofSeconds(15))
                    .until(() -> GraphFake.sendsOfType(bot.phoneNumberId(), "template")
                                    .size()
                            == 1);
            var sent = Api.json()
                    .readTree(GraphFake.sendsOfType(bot.phoneNumberId(), "template")
                            .getFirst()
                            .getBodyAsString());
            assertThat(sent.path("template").path("name").asString()).isEqualTo("order_update");
            assertThat(sent.path("template").path("components").toString()).contains("Ana", "A-1042");
            browser.waiting().until(d -> roles(browser).contains("agent"));
        }
    }

    @Test
    void should_fit_the_conversation_on_a_phone_and_move_through_the_inbox_with_j_and_k() {
        Tenants.WhatsAppBot bot =
                Tenants.offlineBot(api, "[{\"question\": \"opening hours\", \"answer\": \"9 to 5\"}]");
        WhatsAppChat older = WhatsAppChat.start(api, bot);
        older.says("opening hours");
        older.awaitReceived(1);
        time.advance(Duration.ofMinutes(1));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("opening hours");
        chat.awaitReceived(1);
        String agent = ConsoleStaff.create(api, bot.organizationId(), "agent");

        try (ConsoleBrowser browser = new ConsoleBrowser(port, 390, 800)) {
            browser.signIn(agent, ConsoleStaff.PASSWORD);
            browser.open("/console/conversations/" + chat.conversationId());
            browser.waiting().until(d -> roles(browser).size() == 2);
            assertThat(browser.find("composer").isDisplayed()).isTrue();
            assertThat(browser.find("takeover").isDisplayed()).isTrue();
            long overflow = (Long) browser.script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow).as("no horizontal scrolling").isLessThanOrEqualTo(0);
            browser.screenshot("conversation-phone");

            browser.driver().findElement(By.tagName("body")).sendKeys("j");
            browser.waiting().until(d -> d.getCurrentUrl().endsWith(older.conversationId()));
            browser.waiting().until(d -> roles(browser).size() == 2);
            browser.driver().findElement(By.tagName("body")).sendKeys("k");
            browser.waiting().until(d -> d.getCurrentUrl().endsWith(chat.conversationId()));
        }
    }

    private static List<String> roles(ConsoleBrowser browser) {
        return browser.driver().findElements(ConsoleBrowser.test("message")).stream()
                .map(m -> m.getAttribute("data-role"))
                .toList();
    }

    /** The provider id of the agent's message, once Graph accepted it. */
    private static String agentWamid(WhatsAppChat chat) {
        String[] wamid = new String[1];
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            for (var message : chat.messages()) {
                if ("agent".equals(message.path("role").asString())) {
                    wamid[0] =
                            message.path("delivery").path("providerMessageId").asString(null);
                }
            }
            return wamid[0] != null;
        });
        return wamid[0];
    }

    private static WebElement lastMessage(ConsoleBrowser browser) {
        return browser.driver().findElements(ConsoleBrowser.test("message")).getLast();
    }
}
