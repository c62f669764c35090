package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * Attaching a file in the composer in headless Chromium: the agent picks a PNG, the fake Graph API receives the
 * upload and then an image message carrying the media id it answered; a file over the image limit is refused on the
 * page before anything leaves (the server's own refusal is in {@link ConversationAttachmentIntegrationTest}). Also the keyboard shortcuts disclosure, labels and the composer's focus order.
 */
class ConversationAttachmentBrowserTest extends IntegrationTestSupport {
    /** A 1×1 transparent PNG. */
    private static final byte[] PNG = Base64.getDecoder()
            .decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    Tenants.WhatsAppBot bot;
    WhatsAppChat chat;
    Path files;

    @BeforeEach
    void aContactWrote() throws IOException {
        bot = Tenants.offlineBot(api, "[{\"question\": \"opening hours\", \"answer\": \"9 to 5\"}]");
        GraphFake.acceptStructuredSends(bot.phoneNumberId());
        GraphFake.acceptUploads(bot.phoneNumberId(), "24680135790");
        chat = WhatsAppChat.start(api, bot);
        chat.says("opening hours");
        chat.awaitReceived(1);
        files = Files.createTempDirectory("console-attachment");
    }

    @AfterEach
    void removeFiles() throws IOException {
        try (var paths = Files.list(files)) {
            for (Path p : paths.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(files);
    }

    @Test
    void should_upload_an_attached_png_and_send_it_by_the_media_id_graph_answered() throws IOException {
        Path png = Files.write(files.resolve("menu.png"), PNG);
        String agent = ConsoleStaff.create(api, bot.organizationId(), "agent");

        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(agent, ConsoleStaff.PASSWORD);
            browser.open("/console/conversations/" + chat.conversationId());
            browser.await("attachment-upload")
                    .findElement(By.tagName("summary"))
                    .click();
            browser.find("attachment-file").sendKeys(png.toAbsolutePath().toString());
            browser.find("composer").sendKeys("Today's menu");
            browser.screenshot("conversation-attachment");

            browser.find("composer").sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));

            await().atMost(Duration.ofSeconds(15))
                    .until(() ->
                            GraphFake.sendsOfType(bot.phoneNumberId(), "image").size() == 1);
            assertThat(GraphFake.uploads(bot.phoneNumberId())).singleElement().satisfies(upload -> {
                assertThat(upload.getPart("type").getBody().asString()).isEqualTo("image/png");
                assertThat(upload.getPart("file").getBody().asBytes()).isEqualTo(PNG);
            });
            JsonNode image = Api.json()
                    .readTree(GraphFake.sendsOfType(bot.phoneNumberId(), "image")
                            .getFirst()
                            .getBodyAsString())
                    .path("image");
            assertThat(image.path("id").asString()).isEqualTo("24680135790");
            assertThat(image.path("caption").asString()).isEqualTo("Today's menu");
            browser.waiting()
                    .until(d -> lastMessage(browser).getAttribute("data-role").equals("agent"));
            assertThat(lastMessage(browser).getText()).contains("Today's menu");
            browser.waiting()
                    .until(d -> browser.find("attachment-file")
                            .getAttribute("value")
                            .isEmpty());
        }
    }

    @Test
    void should_refuse_a_file_over_the_image_limit_before_sending_it() throws IOException {
        Path big = Files.write(files.resolve("poster.png"), new byte[(1 << 20) + 1]);
        String agent = ConsoleStaff.create(api, bot.organizationId(), "agent");

        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(agent, ConsoleStaff.PASSWORD);
            browser.open("/console/conversations/" + chat.conversationId());
            browser.await("attachment-upload")
                    .findElement(By.tagName("summary"))
                    .click();
            browser.find("attachment-file").sendKeys(big.toAbsolutePath().toString());
            browser.find("composer").sendKeys("Poster");
            browser.find("send").click();

            assertThat(browser.script("return arguments[0].validationMessage;", browser.find("attachment-file")))
                    .isEqualTo("This file is too large: a file of this type can have at most 1 MB.");
            browser.find("composer").sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
            assertThat(browser.find("composer").getAttribute("value"))
                    .as("the typed text is kept")
                    .isEqualTo("Poster");
            Path small = Files.write(files.resolve("small.png"), PNG);
            browser.find("attachment-file").clear();
            browser.find("attachment-file").sendKeys(small.toAbsolutePath().toString());
            browser.find("send").click();
            await().atMost(Duration.ofSeconds(15))
                    .until(() ->
                            GraphFake.sendsOfType(bot.phoneNumberId(), "image").size() == 1);
            assertThat(GraphFake.uploads(bot.phoneNumberId()))
                    .as("only the file within the limit was uploaded")
                    .singleElement()
                    .satisfies(upload -> assertThat(
                                    upload.getPart("file").getBody().asBytes())
                            .isEqualTo(PNG));
        }
    }

    @Test
    void should_list_the_keyboard_shortcuts_label_every_field_and_keep_the_composer_in_reading_order() {
        String agent = ConsoleStaff.create(api, bot.organizationId(), "agent");

        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(agent, ConsoleStaff.PASSWORD);
            browser.open("/console/conversations/" + chat.conversationId());
            WebElement shortcuts = browser.await("shortcuts");
            assertThat(shortcuts.findElement(By.tagName("dl")).isDisplayed()).isFalse();
            shortcuts.findElement(By.tagName("summary")).click();
            browser.waiting().until(d -> shortcuts.findElement(By.tagName("dl")).isDisplayed());
            assertThat(shortcuts.findElements(By.tagName("kbd")))
                    .extracting(WebElement::getText)
                    .containsExactly("Ctrl", "⌘", "Enter", "j", "k");
            assertThat(shortcuts.getText()).contains("Send the reply", "next (older) conversation");
            browser.screenshot("conversation-shortcuts");

            @SuppressWarnings("unchecked")
            List<String> unlabelled = (List<String>) browser.script("""
                    return Array.from(document.querySelectorAll(
                        'main input:not([type=hidden]), main select, main textarea'))
                      .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label'))
                      .map(e => e.outerHTML);""");
            assertThat(unlabelled).as("fields without a label").isEmpty();
            Long positiveTabIndex = (Long)
                    browser.script(
                            "return document.querySelectorAll('[tabindex]:not([tabindex^=\"-\"]):not([tabindex=\"0\"])').length;");
            assertThat(positiveTabIndex).as("no tabindex reorders the page").isZero();

            browser.find("composer").click();
            List<String> order = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++) {
                browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
                WebElement focused = browser.driver().switchTo().activeElement();
                order.add(focused.getTagName()
                        + (focused.getAttribute("data-test") == null ? "" : ":" + focused.getAttribute("data-test")));
            }
            assertThat(order).as("composer → attach a file → send").containsExactly("summary", "button:send");
        }
    }

    @Test
    void should_fit_the_open_attachment_and_shortcuts_on_a_phone() {
        String agent = ConsoleStaff.create(api, bot.organizationId(), "agent");

        try (ConsoleBrowser browser = new ConsoleBrowser(port, 390, 800)) {
            browser.signIn(agent, ConsoleStaff.PASSWORD);
            browser.open("/console/conversations/" + chat.conversationId());
            browser.await("attachment-upload")
                    .findElement(By.tagName("summary"))
                    .click();
            browser.find("shortcuts").findElement(By.tagName("summary")).click();
            browser.waiting().until(d -> browser.find("attachment-file").isDisplayed());

            long overflow = (Long) browser.script(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            assertThat(overflow).as("no horizontal scrolling").isLessThanOrEqualTo(0);
            browser.script("arguments[0].scrollIntoView();", browser.find("attachment-file"));
            browser.screenshot("conversation-attachment-phone");
        }
    }

    private static WebElement lastMessage(ConsoleBrowser browser) {
        return browser.driver().findElements(ConsoleBrowser.test("message")).getLast();
    }
}
