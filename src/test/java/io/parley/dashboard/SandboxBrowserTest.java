package io.parley.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.ParleyIntegrationTest;
import io.parley.testing.ParleyTestContext;
import io.parley.testing.RealDependency;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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
}
