package io.parley.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.ParleyIntegrationTest;
import io.parley.testing.ParleyTestContext;
import io.parley.testing.RealDependency;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The sandbox page in headless Chromium (Debian's chromium + chromium-driver), as a newcomer uses it. */
@ParleyIntegrationTest
class SandboxBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @LocalServerPort
    int port;
    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        RealDependency.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1000,800");
        // The browser's console, to see that the page's Content-Security-Policy blocks nothing the page needs.
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void should_chat_with_the_demo_bot_when_opening_the_printed_link() {
        browser.get("http://localhost:" + port + "/sandbox#token=" + ParleyTestContext.ADMIN_TOKEN);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("send")));
        Select chatbots = new Select(browser.findElement(By.id("chatbot")));
        String demo = chatbots.getOptions().stream().filter(o -> o.getText().startsWith("Parley Demo")).findFirst()
                .orElseThrow().getAttribute("value");
        if (!demo.equals(chatbots.getFirstSelectedOption().getAttribute("value"))) {
            chatbots.selectByValue(demo);
        }
        assertThat(browser.getCurrentUrl()).doesNotContain(ParleyTestContext.ADMIN_TOKEN);

        browser.findElement(By.id("text")).sendKeys("What is Parley?");
        browser.findElement(By.id("send")).click();

        WebElement answer = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#messages li.assistant")));
        assertThat(answer.getText()).contains("open-source, self-hosted messaging platform");
        List<WebElement> messages = browser.findElements(By.cssSelector("#messages li"));
        assertThat(messages).hasSize(2);
        assertThat(messages.getFirst().getText()).isEqualTo("What is Parley?");
        wait.until(d -> d.findElement(By.cssSelector("#messages li.assistant small")).getText().equals("sent"));
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage)
                .noneMatch(message -> message.contains("Content Security Policy"));
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
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("composer")));
    }

    @Test
    void should_render_the_bots_markdown_and_show_its_html_as_text_when_a_reply_contains_both() {
        Api api = Api.at(port);
        String org = api.post("/api/v1/organizations", "{\"name\": \"Markdown " + UUID.randomUUID() + "\"}")
                .text("id");
        Api.Response bot = api.post("/api/v1/organizations/" + org + "/chatbots", """
                {"name": "Formatter", "systemPrompt": "Answer.", "model": {"provider": "offline"},
                 "faq": [{"question": "Show me the formatting test",
                          "answer": "**Bold move** <img src=x onerror=window.__xss=1> <script>window.__xss=2</script> [site](https://example.com/a_b) [evil](javascript:window.__xss=3)"}]}""");
        assertThat(bot.status()).as(bot.body()).isEqualTo(201);
        WebDriverWait wait = openSandboxOn(bot.text("id"));

        browser.findElement(By.id("text")).sendKeys("Show me the formatting test");
        browser.findElement(By.id("send")).click();

        WebElement answer = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#messages li.assistant")));
        assertThat(answer.findElement(By.tagName("strong")).getText()).isEqualTo("Bold move");
        assertThat(answer.getText()).contains("<img src=x onerror=window.__xss=1>")
                .contains("<script>window.__xss=2</script>").contains("[evil](javascript:window.__xss=3)");
        assertThat(answer.findElements(By.cssSelector("img, script"))).isEmpty();
        assertThat(answer.findElements(By.tagName("a"))).singleElement()
                .satisfies(link -> assertThat(link.getAttribute("href")).isEqualTo("https://example.com/a_b"));
        assertThat(((JavascriptExecutor) browser).executeScript("return typeof window.__xss")).isEqualTo("undefined");
    }

    @Test
    void should_apply_only_the_markdown_subset_when_the_shared_renderer_runs_in_the_browser() {
        browser.get("http://localhost:" + port + "/sandbox");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        Map<String, String> cases = Map.of(
                "*it* _it_ snake_case **b**", "<p><em>it</em> <em>it</em> snake_case <strong>b</strong></p>",
                "- one\n- `a*b`\n\n2. two", "<ul><li>one</li><li><code>a*b</code></li></ul><ol start=\"2\"><li>two</li></ol>",
                "line 1\nline 2", "<p>line 1<br>line 2</p>",
                "[x](ftp://h/f) [y](http://h/\"q) <b onclick=1>",
                "<p>[x](ftp://h/f) <a href=\"http://h/&quot;q\" target=\"_blank\" rel=\"noopener noreferrer nofollow\">y</a>"
                        + " &lt;b onclick=1&gt;</p>",
                "```\n<i>**raw**</i>\n```", "<pre><code>&lt;i&gt;**raw**&lt;/i&gt;</code></pre>");
        cases.forEach((markdown, html) -> assertThat(js.executeScript(
                "return window.ParleyMarkdown.toHtml(arguments[0])", markdown)).as(markdown).isEqualTo(html));
    }

    private WebDriverWait openSandboxOn(String chatbotId) {
        browser.get("http://localhost:" + port + "/sandbox#token=" + ParleyTestContext.ADMIN_TOKEN);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("send")));
        Select chatbots = new Select(browser.findElement(By.id("chatbot")));
        if (!chatbotId.equals(chatbots.getFirstSelectedOption().getAttribute("value"))) {
            chatbots.selectByValue(chatbotId);
        }
        wait.until(ExpectedConditions.elementToBeClickable(By.id("send")));
        return wait;
    }
}
