package io.parley.dashboard;

import static io.parley.dashboard.Chromium.find;
import static io.parley.dashboard.Chromium.script;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.parley.testing.Api;
import io.parley.testing.ParleyIntegrationTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The widget end to end in headless Chromium: a shop's page served from another origin (a second port) embeds
 * {@code /widget.js} with a web channel's publishable key; the visitor chats with an offline chatbot through the
 * client API, a person takes over through the API and their reply arrives live, and a reload keeps the
 * conversation.
 */
@ParleyIntegrationTest
class WidgetBrowserTest {
    private static final String OPENING_HOURS = "We are open **9 to 5**, Monday to Saturday.";
    private static final String HOSTILE = "**Bold move** <img src=x onerror=window.__xss=1>"
            + " <script>window.__xss=2</script> [site](https://example.com/a_b) [evil](javascript:window.__xss=3)";

    @LocalServerPort
    int port;

    private Api api;
    private HttpServer site;
    private WebDriver browser;
    private WebDriverWait wait;
    private String key;
    private String identitySecret;
    private String botId;

    @BeforeEach
    void setUp() throws IOException {
        browser = Chromium.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(25));
        api = Api.at(port);
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", exchange -> {
            byte[] page = hostPage().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        site.start();

        String org = api.post("/api/v1/organizations", "{\"name\": \"Widget shop " + UUID.randomUUID() + "\"}")
                .text("id");
        Api.Response bot = api.post(
                "/api/v1/organizations/" + org + "/chatbots",
                Api.json()
                        .writeValueAsString(Map.of(
                                "name",
                                "Shop bot",
                                "systemPrompt",
                                "Answer.",
                                "model",
                                Map.of("provider", "offline"),
                                "faq",
                                List.of(
                                        Map.of("question", "What are your opening hours?", "answer", OPENING_HOURS),
                                        Map.of("question", "Show me the formatting test", "answer", HOSTILE)))));
        assertThat(bot.status()).as(bot.body()).isEqualTo(201);
        botId = bot.text("id");
        Api.Response channel = api.post(
                "/api/v1/chatbots/" + bot.text("id") + "/channels",
                Api.json()
                        .writeValueAsString(Map.of(
                                "type",
                                "web",
                                "name",
                                "Shop website",
                                "allowedOrigins",
                                List.of(siteOrigin()),
                                "acceptGuests",
                                true,
                                "widget",
                                Map.of(
                                        "title",
                                        "Shop help",
                                        "color",
                                        "#0a7d45",
                                        "welcomeMessage",
                                        "Hi! Ask me anything."))));
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        key = channel.text("key");
        identitySecret = channel.text("identitySecret");
        assertThat(key).startsWith("pk_");
    }

    @AfterEach
    void tearDown() {
        if (browser != null) {
            browser.quit();
        }
        if (site != null) {
            site.stop(0);
        }
    }

    @Test
    void should_stream_the_answer_show_an_agents_reply_live_and_keep_the_conversation_after_a_reload() {
        SearchContext widget = openWidget();
        assertThat(find(widget, ".message.welcome").getText()).isEqualTo("Hi! Ask me anything.");

        type(widget, "What are your opening hours?");

        WebElement answer = wait.until(d -> find(widget, ".message.bot[data-id]"));
        assertThat(answer.getText()).isEqualTo("We are open 9 to 5, Monday to Saturday.");
        assertThat(answer.findElement(By.cssSelector("strong")).getText()).isEqualTo("9 to 5");
        wait.until(d -> script(d, "return window.__posts.every((post) => post.events !== undefined)"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> posts = (List<Map<String, Object>>) script(browser, "return window.__posts");
        assertThat(posts)
                .as("one POST, answered as an event stream")
                .singleElement()
                .satisfies(post -> {
                    assertThat(post.get("status")).isEqualTo(200L);
                    assertThat((String) post.get("contentType")).startsWith("text/event-stream");
                    assertThat((String) post.get("events"))
                            .startsWith("accepted,")
                            .endsWith("message,done");
                });
        String conversation = stored("conversationId");
        assertThat(conversation).isNotNull();
        assertThat(stored("conversationToken")).isNotBlank();

        assertThat(api.post("/api/v1/conversations/" + conversation + "/handover", "{}")
                        .status())
                .isEqualTo(200);
        Api.Response sent = api.post(
                "/api/v1/conversations/" + conversation + "/messages",
                "{\"text\": \"Hi, this is **Ana** from the shop.\"}");
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);

        WebElement agent = wait.until(d -> find(widget, ".message.agent"));
        assertThat(agent.getText()).isEqualTo("Agent\nHi, this is Ana from the shop.");
        assertThat(agent.getAttribute("data-id")).isEqualTo(sent.text("id"));

        browser.navigate().refresh();
        SearchContext reloaded = openLauncher();
        wait.until(
                d -> reloaded.findElements(By.cssSelector(".message[data-id]")).size() == 3);
        assertThat(reloaded.findElements(By.cssSelector(".message")).stream()
                        .map(WebElement::getText)
                        .toList())
                .containsExactly(
                        "Hi! Ask me anything.",
                        "What are your opening hours?",
                        "We are open 9 to 5, Monday to Saturday.",
                        "Agent\nHi, this is Ana from the shop.");
        assertThat(stored("conversationId")).isEqualTo(conversation);

        api.post("/api/v1/conversations/" + conversation + "/messages", "{\"text\": \"Anything else?\"}");
        wait.until(d -> reloaded.findElements(By.cssSelector(".message.agent")).size() == 2);
        type(reloaded, "No, thanks");
        wait.until(d -> messagesOf(conversation).findValuesAsString("content").contains("No, thanks"));
        assertThat(stored("conversationId")).isEqualTo(conversation);
    }

    @Test
    void should_open_send_and_close_with_the_keyboard() {
        browser.get(siteOrigin() + "/");
        SearchContext widget = wait.until(d -> {
            SearchContext shadow = Chromium.widget(d);
            return find(shadow, ".title").getAttribute("textContent").equals("Shop help") ? shadow : null;
        });
        script(browser, "document.getElementById('home').focus()");
        Actions keys = new Actions(browser);

        keys.sendKeys(Keys.TAB).perform();
        assertThat(Chromium.focusedInWidget(browser)).isEqualTo("launcher");
        keys.sendKeys(Keys.ENTER).perform();
        assertThat(find(widget, ".panel").isDisplayed()).isTrue();
        assertThat(Chromium.focusedInWidget(browser)).isEqualTo("input");
        keys.sendKeys("What are your opening hours?").sendKeys(Keys.ENTER).perform();
        wait.until(d ->
                widget.findElements(By.cssSelector(".message.bot[data-id]")).size() == 1);
        keys.sendKeys(Keys.ESCAPE).perform();

        assertThat(find(widget, ".panel").isDisplayed()).isFalse();
        assertThat(Chromium.focusedInWidget(browser)).isEqualTo("launcher");
        assertThat(find(widget, ".launcher").getAttribute("aria-expanded")).isEqualTo("false");
    }

    @Test
    void should_show_html_from_the_model_as_text_and_run_none_of_it() {
        SearchContext widget = openWidget();

        type(widget, "Show me the formatting test");

        WebElement answer = wait.until(d -> find(widget, ".message.bot[data-id]"));
        assertThat(answer.findElement(By.cssSelector("strong")).getText()).isEqualTo("Bold move");
        assertThat(answer.getText())
                .contains("<img src=x onerror=window.__xss=1>")
                .contains("<script>window.__xss=2</script>")
                .contains("[evil](javascript:window.__xss=3)");
        assertThat(answer.findElements(By.cssSelector("img, script"))).isEmpty();
        assertThat(answer.findElements(By.cssSelector("a")))
                .singleElement()
                .satisfies(link -> assertThat(link.getAttribute("href")).isEqualTo("https://example.com/a_b"));
        assertThat(script(browser, "return typeof window.__xss")).isEqualTo("undefined");
    }

    @Test
    void should_refuse_a_wrong_user_hash_visibly_and_send_the_same_request_once_the_user_is_signed_correctly() {
        SearchContext widget = openWidget();
        script(browser, "window.Parley.identify({externalId: 'customer-42', name: 'Ana', userHash: 'not-the-hash'})");

        type(widget, "What are your opening hours?");

        WebElement notice = wait.until(d -> {
            WebElement element = find(widget, ".notice");
            return element.isDisplayed() ? element : null;
        });
        assertThat(notice.getText()).contains("could not confirm who you are");
        assertThat(find(widget, ".message.contact").getText()).contains("Not sent");

        script(
                browser,
                "window.Parley.identify({externalId: 'customer-42', name: 'Ana', userHash: arguments[0]})",
                userHash("customer-42"));
        find(widget, ".notice .retry").click();

        WebElement answer = wait.until(d -> find(widget, ".message.bot[data-id]"));
        assertThat(answer.getText()).isEqualTo("We are open 9 to 5, Monday to Saturday.");
        assertThat(widget.findElements(By.cssSelector(".message.contact")))
                .singleElement()
                .satisfies(message -> assertThat(message.getText()).isEqualTo("What are your opening hours?"));
    }

    @Test
    void should_say_the_chatbot_is_paused_and_deliver_the_message_once_when_retried_after_it_resumes() {
        SearchContext widget = openWidget();
        assertThat(api.patch("/api/v1/chatbots/" + botId, "{\"active\": false}").status())
                .isEqualTo(200);

        type(widget, "What are your opening hours?");

        WebElement notice = wait.until(d -> {
            WebElement element = find(widget, ".notice");
            return element.isDisplayed() ? element : null;
        });
        assertThat(notice.getText()).contains("paused");
        assertThat(api.patch("/api/v1/chatbots/" + botId, "{\"active\": true}").status())
                .isEqualTo(200);
        find(widget, ".notice .retry").click();

        WebElement answer = wait.until(d -> find(widget, ".message.bot[data-id]"));
        assertThat(answer.getText()).isEqualTo("We are open 9 to 5, Monday to Saturday.");
        String conversation = stored("conversationId");
        assertThat(messagesOf(conversation).findValuesAsString("content"))
                .containsOnlyOnce("What are your opening hours?");
    }

    // ---------------------------------------------------------------------------------------------------------

    /** What the shop's server computes for a signed-in user: HMAC-SHA256 of the externalId, hex. */
    private String userHash(String externalId) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(
                    new javax.crypto.spec.SecretKeySpec(identitySecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(externalId.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String siteOrigin() {
        return "http://127.0.0.1:" + site.getAddress().getPort();
    }

    /**
     * The shop's page. Its own script (the shop's, not the widget's) notes what each POST to the client API
     * answered, reading a copy of the response, so the test sees that the answer came as a stream of events.
     */
    private String hostPage() {
        return """
                <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>A shop</title>
                <script>
                  window.__posts = [];
                  const original = window.fetch;
                  window.fetch = async (url, init) => {
                    const response = await original(url, init);
                    if (String(url).endsWith('/client/v1/messages') && init && init.method === 'POST') {
                      const record = { status: response.status, contentType: response.headers.get('Content-Type') };
                      window.__posts.push(record);
                      response.clone().text().then((body) => {
                        record.events = [...body.matchAll(/^event: ?(.*)$/gm)].map((m) => m[1])
                          .filter((name, i, all) => name !== 'delta' || all[i - 1] !== 'delta').join(',');
                      });
                    }
                    return response;
                  };
                </script></head>
                <body><h1>A shop</h1><a id="home" href="#top">Shop home</a>
                <script src="http://localhost:%d/widget.js" data-parley-key="%s" async></script></body></html>""".formatted(port, key);
    }

    private SearchContext openWidget() {
        browser.get(siteOrigin() + "/");
        return openLauncher();
    }

    private SearchContext openLauncher() {
        return Chromium.openShopWidget(wait);
    }

    private void type(SearchContext widget, String text) {
        Chromium.send(widget, text);
    }

    private String stored(String field) {
        return Chromium.stored(browser, key, field);
    }

    private JsonNode messagesOf(String conversation) {
        return api.get("/api/v1/conversations/" + conversation + "/messages").json();
    }
}
