package io.parley.dashboard;

import static io.parley.dashboard.Chromium.find;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.ParleyIntegrationTest;
import io.parley.testing.ParleyTestContext;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The sandbox page in headless Chromium (Debian's chromium + chromium-driver), as a newcomer uses it. */
@ParleyIntegrationTest
class SandboxBrowserTest {
    @LocalServerPort
    int port;

    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        browser = Chromium.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void should_chat_with_the_demo_bot_in_the_embedded_widget_when_opening_the_printed_link() {
        browser.get("http://localhost:" + port + "/sandbox#token=" + ParleyTestContext.ADMIN_TOKEN);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(25));
        wait.until(d -> new Select(d.findElement(By.id("chatbot"))).getOptions().size() > 0);
        Select chatbots = new Select(browser.findElement(By.id("chatbot")));
        String demo = chatbots.getOptions().stream()
                .filter(o -> o.getText().startsWith("Parley Demo"))
                .findFirst()
                .orElseThrow()
                .getAttribute("value");
        if (!demo.equals(chatbots.getFirstSelectedOption().getAttribute("value"))) {
            chatbots.selectByValue(demo);
        }
        assertThat(browser.getCurrentUrl()).doesNotContain(ParleyTestContext.ADMIN_TOKEN);

        wait.until(ExpectedConditions.elementToBeClickable(By.id("connect-web")))
                .click();

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("snippet")));
        assertThat(browser.findElement(By.id("snippet")).getText()).contains("/widget.js", "data-parley-key=\"pk_");
        assertThat(browser.findElement(By.id("origin-warning")).isDisplayed()).isFalse();
        SearchContext widget = wait.until(d -> {
            SearchContext shadow = Chromium.widget(d);
            return find(shadow, ".panel").isDisplayed() ? shadow : null;
        });
        WebElement input = find(widget, "textarea");
        input.sendKeys("What is Parley?");
        input.sendKeys(Keys.ENTER);

        WebElement answer = wait.until(d -> find(widget, ".message.bot[data-id]"));
        assertThat(answer.getText()).contains("open-source, self-hosted messaging platform");
        assertThat(widget.findElements(By.cssSelector(".message.contact")))
                .singleElement()
                .satisfies(message -> assertThat(message.getText()).isEqualTo("What is Parley?"));
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .extracting(LogEntry::getMessage)
                .noneMatch(message -> message.contains("Content Security Policy"));
    }

    @Test
    void should_embed_a_channel_connected_elsewhere_and_allow_the_sandboxs_origin_on_request() {
        Api api = Api.at(port);
        String org = api.post("/api/v1/organizations", "{\"name\": \"Sandbox shop " + UUID.randomUUID() + "\"}")
                .text("id");
        String bot = api.post("/api/v1/organizations/" + org + "/chatbots", """
                {"name": "Shop bot", "systemPrompt": "Answer.", "model": {"provider": "offline"},
                 "faq": [{"question": "Do you ship to Spain?", "answer": "Yes, in 2 to 4 working days."}]}""").text("id");
        Api.Response channel = api.post("/api/v1/chatbots/" + bot + "/channels", """
                {"type": "web", "name": "Shop", "allowedOrigins": ["https://shop.example"]}""");
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        String key = channel.text("key");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(25));
        browser.get("http://localhost:" + port + "/sandbox#token=" + ParleyTestContext.ADMIN_TOKEN);
        wait.until(d -> new Select(d.findElement(By.id("chatbot"))).getOptions().size() > 0);
        new Select(browser.findElement(By.id("chatbot"))).selectByValue(bot);

        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("origin-warning")));
        assertThat(browser.findElement(By.id("snippet")).getText()).contains("data-parley-key=\"" + key + "\"");
        browser.findElement(By.id("allow-origin")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("origin-warning")));
        assertThat(api.get("/api/v1/chatbots/" + bot + "/channels")
                        .json()
                        .get(0)
                        .path("allowedOrigins")
                        .valueStream()
                        .map(node -> node.asString())
                        .toList())
                .containsExactly("https://shop.example", "http://localhost:" + port);

        SearchContext widget = wait.until(d -> {
            SearchContext shadow = Chromium.widget(d);
            return find(shadow, ".panel").isDisplayed() ? shadow : null;
        });
        WebElement input = find(widget, "textarea");
        input.sendKeys("Do you ship to Spain?");
        input.sendKeys(Keys.ENTER);
        assertThat(wait.until(d -> find(widget, ".message.bot[data-id]")).getText())
                .isEqualTo("Yes, in 2 to 4 working days.");
    }

    @Test
    void should_switch_to_the_flow_demo_from_its_link_and_get_the_first_question_in_the_widget() {
        browser.get("http://localhost:" + port + "/sandbox#token=" + ParleyTestContext.ADMIN_TOKEN);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(25));
        wait.until(d -> new Select(d.findElement(By.id("chatbot"))).getOptions().size() > 0);
        Select chatbots = new Select(browser.findElement(By.id("chatbot")));
        if (!chatbots.getFirstSelectedOption().getText().startsWith("Parley Demo")) {
            chatbots.selectByVisibleText("Parley Demo — Demo");
        }
        WebElement tip = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("try-flow")));

        browser.findElement(By.id("try-flow-link")).click();

        wait.until(ExpectedConditions.invisibilityOf(tip));
        assertThat(new Select(browser.findElement(By.id("chatbot")))
                        .getFirstSelectedOption()
                        .getText())
                .isEqualTo("Ink & Needle Studio — Demo (flow)");
        wait.until(d -> d.findElement(By.id("connect")).isDisplayed()
                || d.findElement(By.id("embedded")).isDisplayed());
        if (browser.findElement(By.id("connect")).isDisplayed()) {
            browser.findElement(By.id("connect-web")).click();
        }
        SearchContext widget = wait.until(d -> {
            SearchContext shadow = Chromium.widget(d);
            return find(shadow, ".panel").isDisplayed() ? shadow : null;
        });
        Chromium.send(widget, "Hi, I'd like a tattoo");

        wait.until(d ->
                widget.findElements(By.cssSelector(".message.bot[data-id]")).size() >= 2);
        assertThat(widget.findElements(By.cssSelector(".message.bot[data-id]")))
                .extracting(WebElement::getText)
                .containsExactly(
                        "Hi! A few quick questions, one at a time.", "Size? Width x height in cm, e.g. 10x15cm.");
    }

    @Test
    void should_open_the_chatbot_named_in_the_link() {
        browser.get("http://localhost:" + port + "/sandbox?bot=ink#token=" + ParleyTestContext.ADMIN_TOKEN);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(25));

        wait.until(d -> new Select(d.findElement(By.id("chatbot"))).getOptions().size() > 0);
        wait.until(d -> d.findElement(By.id("connect")).isDisplayed()
                || d.findElement(By.id("embedded")).isDisplayed());

        assertThat(new Select(browser.findElement(By.id("chatbot")))
                        .getFirstSelectedOption()
                        .getText())
                .startsWith("Ink & Needle Studio");
        assertThat(browser.findElement(By.id("try-flow")).isDisplayed()).isFalse();
        assertThat(browser.getCurrentUrl()).endsWith("/sandbox");
    }

    @Test
    void should_ask_for_a_token_when_the_stored_one_is_rejected() {
        browser.get("http://localhost:" + port + "/sandbox#token=not-the-token");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
        assertThat(error.getText()).contains("not accepted");
        assertThat(browser.findElement(By.id("chat")).isDisplayed()).isFalse();

        browser.findElement(By.id("token")).sendKeys(ParleyTestContext.ADMIN_TOKEN);
        browser.findElement(By.cssSelector("#sign-in-form button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat")));
        wait.until(d -> new Select(d.findElement(By.id("chatbot"))).getOptions().size() > 0);
    }

    @Test
    void should_apply_only_the_markdown_subset_when_the_shared_renderer_runs_in_the_browser() {
        browser.get("http://localhost:" + port + "/sandbox");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        // The sandbox page no longer renders messages itself (the widget does, with this renderer built in).
        js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const tag = document.createElement('script');
                tag.src = '/js/markdown.js';
                tag.onload = () => done(true);
                document.head.appendChild(tag);""");
        Map<String, String> cases = Map.of(
                "*it* _it_ snake_case **b**",
                "<p><em>it</em> <em>it</em> snake_case <strong>b</strong></p>",
                "- one\n- `a*b`\n\n2. two",
                "<ul><li>one</li><li><code>a*b</code></li></ul><ol start=\"2\"><li>two</li></ol>",
                "line 1\nline 2",
                "<p>line 1<br>line 2</p>",
                "[x](ftp://h/f) [y](http://h/\"q) <b onclick=1>",
                "<p>[x](ftp://h/f) <a href=\"http://h/&quot;q\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">y</a>"
                        + " &lt;b onclick=1&gt;</p>",
                "```\n<i>**raw**</i>\n```",
                "<pre><code>&lt;i&gt;**raw**&lt;/i&gt;</code></pre>");
        cases.forEach((markdown, html) -> assertThat(
                        js.executeScript("return window.ParleyMarkdown.toHtml(arguments[0])", markdown))
                .as(markdown)
                .isEqualTo(html));
    }
}
