package io.parley.dashboard;

import static io.parley.dashboard.Chromium.find;
import static io.parley.dashboard.Chromium.script;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The widget ({@code /widget.js} as served) in headless Chromium on a host page of another origin, against a
 * scripted client API ({@link FakeClientApi}): streaming, retries that keep the requestId, visible errors, live
 * updates with reconnects, history after a reload, the keyboard, identify and Markdown. WidgetBrowserTest runs it
 * against Parley itself.
 */
class WidgetScriptBrowserTest {
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private FakeClientApi server;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void start() throws Exception {
        browser = Chromium.start();
        server = new FakeClientApi();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void should_show_the_configured_panel_and_render_the_reply_while_it_streams() {
        CountDownLatch hold = new CountDownLatch(1);
        server.answers.add(FakeClientApi.streamed("conv-1", "m-1", List.of("Hello ", "**there**"), hold));
        SearchContext widget = openWidget();

        assertThat(find(widget, ".title").getText()).isEqualTo("Shop help");
        assertThat(find(widget, ".avatar").getAttribute("src")).isEqualTo("https://127.0.0.1:9/bot.png");
        assertThat(find(widget, ".message.welcome").getText()).isEqualTo("Hi! Ask me anything.");
        assertThat(find(widget, ".message.welcome strong").getText()).isEqualTo("Ask");
        assertThat(script(
                        browser,
                        "return getComputedStyle(document.getElementById('parley-widget'))"
                                + ".getPropertyValue('--parley-color').trim()"))
                .isEqualTo("#0a7d45");
        type(widget, "Hi there");

        WebElement partial = wait.until(d -> find(widget, ".message.bot.streaming"));
        assertThat(partial.getText()).isEqualTo("Hello");
        hold.countDown();
        wait.until(d -> widget.findElements(By.cssSelector(".message.bot[data-id='m-1']"))
                        .size()
                == 1);
        assertThat(find(widget, ".message.bot[data-id='m-1'] strong").getText()).isEqualTo("there");
        assertThat(widget.findElements(By.cssSelector(".message.bot"))).hasSize(1);
        assertThat(widget.findElements(By.cssSelector(".message.contact")))
                .singleElement()
                .satisfies(bubble -> assertThat(bubble.getText()).isEqualTo("Hi there"));

        JsonNode post = server.posts.getFirst();
        assertThat(post.path("requestId").asString()).matches(REQUEST_ID);
        assertThat(post.path("text").asString()).isEqualTo("Hi there");
        assertThat(post.path("user").path("deviceId").asString()).isNotBlank();
        assertThat(stored("conversationId")).isEqualTo("conv-1");
        assertThat(stored("conversationToken")).isEqualTo(FakeClientApi.TOKEN);
        assertThat(stored("deviceId"))
                .isEqualTo(post.path("user").path("deviceId").asString());
        assertThat(script(browser, "return document.cookie")).isEqualTo("");
    }

    @Test
    void should_post_again_with_the_same_request_id_when_rate_limited_or_cut_off() {
        server.answers.add(FakeClientApi.problem(429, "rate_limited", "2"));
        server.answers.add(FakeClientApi.brokenStream());
        server.answers.add(FakeClientApi.duplicateOf("conv-1", "m-7", "Got it"));
        SearchContext widget = openWidget();

        type(widget, "Order 42?");

        wait.until(d -> find(widget, ".notice").getText().contains("Too many messages"));

        wait.until(d -> widget.findElements(By.cssSelector(".message.bot[data-id='m-7']"))
                        .size()
                == 1);
        assertThat(server.posts)
                .hasSize(3)
                .extracting(post -> post.path("requestId").asString())
                .as("one message, one requestId, however often it is sent")
                .containsOnly(server.posts.getFirst().path("requestId").asString());
        assertThat(widget.findElements(By.cssSelector(".message.contact"))).hasSize(1);
        assertThat(find(widget, ".notice").isDisplayed()).isFalse();

        type(widget, "And order 43?");
        wait.until(d -> server.posts.size() == 4);
        assertThat(server.posts.get(3).path("requestId").asString())
                .isNotEqualTo(server.posts.getFirst().path("requestId").asString());
    }

    @Test
    void should_say_the_message_was_not_sent_when_the_network_keeps_failing_and_resend_it_on_retry() {
        for (int i = 0; i < 3; i++) {
            server.answers.add(FakeClientApi.brokenStream());
        }
        SearchContext widget = openWidget();

        type(widget, "Hello?");

        wait.until(d -> find(widget, ".notice").getText().contains("Connection lost"));
        WebElement retry = wait.until(d -> {
            WebElement button = find(widget, ".notice .retry");
            return button.isDisplayed() ? button : null;
        });
        assertThat(find(widget, ".notice").getText()).contains("may not have been sent");
        assertThat(find(widget, ".message.contact .state").getText()).isEqualTo("Not sent");
        assertThat(server.posts).hasSize(3);

        retry.click();

        wait.until(d ->
                widget.findElements(By.cssSelector(".message.bot[data-id]")).size() == 1);
        assertThat(server.posts)
                .hasSize(4)
                .extracting(post -> post.path("requestId").asString())
                .containsOnly(server.posts.getFirst().path("requestId").asString());
        assertThat(find(widget, ".notice").isDisplayed()).isFalse();
    }

    @Test
    void should_say_the_chatbot_is_paused_and_resend_the_same_request_when_the_visitor_retries() {
        server.answers.add(FakeClientApi.problem(409, "chatbot_paused", null));
        server.answers.add(FakeClientApi.reply("conv-1", "m-2", "Back again"));
        SearchContext widget = openWidget();

        type(widget, "Anyone there?");

        WebElement notice = wait.until(d -> {
            WebElement element = find(widget, ".notice");
            return element.isDisplayed() ? element : null;
        });
        assertThat(notice.getText()).contains("paused");
        assertThat(find(widget, ".message.contact").getText()).contains("Not sent");
        assertThat(find(widget, ".message.contact").getAttribute("class")).contains("failed");

        find(widget, ".notice .retry").click();

        wait.until(d -> widget.findElements(By.cssSelector(".message.bot[data-id='m-2']"))
                        .size()
                == 1);
        assertThat(server.posts).hasSize(2);
        assertThat(server.posts.get(1).path("requestId").asString())
                .isEqualTo(server.posts.getFirst().path("requestId").asString());
        assertThat(find(widget, ".message.contact").getText()).isEqualTo("Anyone there?");
        assertThat(find(widget, ".notice").isDisplayed()).isFalse();
    }

    @Test
    void should_show_an_agents_reply_live_and_resume_after_the_last_event_when_the_stream_ends() {
        SearchContext widget = openWidget();
        type(widget, "I need a person");
        wait.until(d -> widget.findElements(By.cssSelector(".message.bot")).size() == 1);
        wait.until(d -> !server.eventConnections.isEmpty());
        assertThat(server.eventConnections.getFirst().conversationToken()).isEqualTo(FakeClientApi.TOKEN);

        server.pushEvent("m-10", "agent", "Hi, I am **Ana** from support.");
        WebElement agent = wait.until(d -> find(widget, ".message.agent[data-id='m-10']"));
        assertThat(agent.getText()).contains("Agent").contains("Hi, I am Ana from support.");
        wait.until(d -> find(widget, ".sr-only[aria-live='polite']")
                .getAttribute("textContent")
                .equals("Agent: Hi, I am Ana from support."));

        server.endEventStream();
        wait.until(d -> server.eventConnections.size() == 2);
        assertThat(server.eventConnections.get(1).lastEventId()).isEqualTo("m-10");
        server.pushEvent("m-11", "agent", "Still there?");
        server.pushEvent("m-10", "agent", "Hi, I am **Ana** from support.");
        wait.until(d -> widget.findElements(By.cssSelector(".message.agent[data-id='m-11']"))
                        .size()
                == 1);
        assertThat(widget.findElements(By.cssSelector(".message.agent")))
                .as("a repeated event is shown once")
                .hasSize(2);
    }

    @Test
    void should_show_the_history_and_keep_the_visitor_when_the_page_is_reloaded() {
        SearchContext widget = openWidget();
        type(widget, "Remember me");
        wait.until(d -> widget.findElements(By.cssSelector(".message.bot")).size() == 1);
        String deviceId = stored("deviceId");
        server.history = """
                [{"id": "m-0", "author": "contact", "text": "Remember me", "createdAt": "2026-12-07T08:00:00Z"},
                 {"id": "m-1", "author": "bot", "text": "Answer 1", "createdAt": "2026-12-07T08:00:01Z"},
                 {"id": "m-2", "author": "agent", "text": "An agent's <b>note</b>", "createdAt": "2026-12-07T08:00:02Z"}]""";

        browser.navigate().refresh();
        SearchContext reloaded = openLauncher();

        wait.until(
                d -> reloaded.findElements(By.cssSelector(".message[data-id]")).size() == 3);
        assertThat(reloaded.findElements(By.cssSelector(".message")).stream()
                        .map(WebElement::getText)
                        .toList())
                .containsExactly("Hi! Ask me anything.", "Remember me", "Answer 1", "Agent\nAn agent's <b>note</b>");
        assertThat(stored("deviceId")).isEqualTo(deviceId);
        wait.until(d -> server.eventConnections.stream().anyMatch(c -> "m-2".equals(c.lastEventId())));

        type(reloaded, "Again");
        wait.until(d -> server.posts.size() == 2);
        assertThat(server.posts.get(1).path("user").path("deviceId").asString()).isEqualTo(deviceId);
    }

    @Test
    void should_work_with_the_keyboard_alone() {
        browser.get(server.siteOrigin() + "/");
        SearchContext widget = wait.until(d -> {
            SearchContext shadow = Chromium.widget(d);
            return shadow.findElements(By.cssSelector(".title")).isEmpty()
                            || find(shadow, ".title")
                                    .getAttribute("textContent")
                                    .isEmpty()
                    ? null
                    : shadow;
        });
        Actions keys = new Actions(browser);
        script(browser, "document.getElementById('home').focus()");
        keys.sendKeys(Keys.TAB).perform();
        assertThat(Chromium.focusedInWidget(browser)).isEqualTo("launcher");
        assertThat(find(widget, ".launcher").getAttribute("aria-expanded")).isEqualTo("false");

        keys.sendKeys(Keys.ENTER).perform();
        assertThat(find(widget, ".panel").isDisplayed()).isTrue();
        assertThat(Chromium.focusedInWidget(browser))
                .as("focus moves into the panel")
                .isEqualTo("input");
        assertThat(find(widget, ".launcher").getAttribute("aria-expanded")).isEqualTo("true");
        assertThat(find(widget, ".panel").getAttribute("role")).isEqualTo("dialog");

        keys.sendKeys("By keyboard").sendKeys(Keys.ENTER).perform();
        wait.until(d -> widget.findElements(By.cssSelector(".message.bot")).size() == 1);
        assertThat(server.posts.getFirst().path("text").asString()).isEqualTo("By keyboard");
        assertThat(Chromium.focusedInWidget(browser)).isEqualTo("input");

        keys.sendKeys(Keys.TAB).perform();
        assertThat(Chromium.focusedInWidget(browser)).isEqualTo("send");
        keys.sendKeys(Keys.TAB).perform();
        assertThat(Chromium.focusedInWidget(browser))
                .as("Tab stays in the open panel")
                .isEqualTo("close");

        keys.sendKeys(Keys.ESCAPE).perform();
        assertThat(find(widget, ".panel").isDisplayed()).isFalse();
        assertThat(Chromium.focusedInWidget(browser))
                .as("focus returns to the launcher")
                .isEqualTo("launcher");
    }

    @Test
    void should_render_the_bots_markdown_and_leave_html_from_the_model_or_the_visitor_inert() {
        server.answers.add(
                FakeClientApi.reply(
                        "conv-1",
                        "m-1",
                        "**Bold move** <img src=x onerror=window.__xss=1>"
                                + " <script>window.__xss=2</script> [site](https://example.com/a_b) [evil](javascript:window.__xss=3)"));
        SearchContext widget = openWidget();

        type(widget, "<img src=y onerror=window.__xss=4>");

        WebElement answer = wait.until(d -> find(widget, ".message.bot[data-id='m-1']"));
        assertThat(answer.findElement(By.cssSelector("strong")).getText()).isEqualTo("Bold move");
        assertThat(answer.getText())
                .contains("<img src=x onerror=window.__xss=1>")
                .contains("<script>window.__xss=2</script>")
                .contains("[evil](javascript:window.__xss=3)");
        assertThat(answer.findElements(By.cssSelector("img, script"))).isEmpty();
        assertThat(answer.findElements(By.cssSelector("a")))
                .singleElement()
                .satisfies(link -> assertThat(link.getAttribute("href")).isEqualTo("https://example.com/a_b"));
        assertThat(find(widget, ".message.contact").getText()).isEqualTo("<img src=y onerror=window.__xss=4>");
        assertThat(widget.findElements(By.cssSelector(".messages img"))).isEmpty();
        assertThat(script(browser, "return typeof window.__xss")).isEqualTo("undefined");
    }

    @Test
    void should_send_the_signed_in_user_and_start_afresh_when_another_user_signs_in() {
        SearchContext widget = openWidget();
        script(
                browser,
                "window.Parley.identify({externalId: 'u-1', name: 'Ana', email: 'ana@example.com',"
                        + " userHash: 'abc123'})");
        type(widget, "Hello as Ana");
        wait.until(d -> widget.findElements(By.cssSelector(".message.bot")).size() == 1);
        JsonNode user = server.posts.getFirst().path("user");
        assertThat(user.path("externalId").asString()).isEqualTo("u-1");
        assertThat(user.path("name").asString()).isEqualTo("Ana");
        assertThat(user.path("email").asString()).isEqualTo("ana@example.com");
        assertThat(user.path("userHash").asString()).isEqualTo("abc123");
        String anasDevice = user.path("deviceId").asString();

        script(browser, "window.Parley.identify({externalId: 'u-2', userHash: 'def456'})");

        assertThat(widget.findElements(By.cssSelector(".message.contact, .message.bot")))
                .isEmpty();
        assertThat(stored("conversationId")).isNull();
        type(widget, "Hello as someone else");
        wait.until(d -> server.posts.size() == 2);
        JsonNode other = server.posts.get(1).path("user");
        assertThat(other.path("externalId").asString()).isEqualTo("u-2");
        assertThat(other.has("name")).isFalse();
        assertThat(other.path("deviceId").asString()).isNotEqualTo(anasDevice);
    }

    @Test
    void should_replay_calls_queued_before_the_script_loaded() {
        server.hostPageExtra =
                "<script>window.Parley = {q: [['identify', {externalId: 'early'}], ['open']]};" + "</script>";
        browser.get(server.siteOrigin() + "/");
        SearchContext widget = wait.until(d -> Chromium.widget(d));
        wait.until(d -> find(widget, ".panel").isDisplayed());

        type(widget, "Queued");

        wait.until(d -> server.posts.size() == 1);
        assertThat(server.posts.getFirst().path("user").path("externalId").asString())
                .isEqualTo("early");
    }

    @Test
    void should_stay_off_the_page_and_say_why_in_the_console_when_the_channel_refuses_its_origin() {
        server.settingsStatus = 403;
        browser.get(server.siteOrigin() + "/");

        wait.until(d -> browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .anyMatch(entry -> entry.getMessage().contains("Parley widget: not shown (origin_not_allowed)")));
        assertThat(browser.findElements(By.id("parley-widget"))).isEmpty();
        assertThat(server.posts).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------

    private SearchContext openWidget() {
        browser.get(server.siteOrigin() + "/");
        return openLauncher();
    }

    private SearchContext openLauncher() {
        return Chromium.openShopWidget(wait);
    }

    private void type(SearchContext widget, String text) {
        Chromium.send(widget, text);
    }

    private String stored(String field) {
        return Chromium.stored(browser, FakeClientApi.KEY, field);
    }
}
