package io.parley.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.ParleyIntegrationTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The API's interactive reference page ({@code /api/docs}, springdoc's Swagger UI) in headless Chromium: it renders
 * the operations of {@code /api/openapi.json} under Parley's page policy, loading nothing from anywhere else.
 */
@ParleyIntegrationTest
class ApiReferenceBrowserTest {
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
    void should_render_every_area_of_the_api_when_the_reference_page_is_opened() {
        browser.get("http://localhost:" + port + "/api/docs");
        // The first request builds the description; on a busy machine that takes a while.
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));

        wait.until(d -> !d.findElements(By.cssSelector(".opblock-tag")).isEmpty());

        assertThat(browser.getCurrentUrl()).endsWith("/api/swagger-ui/index.html");
        assertThat(browser.findElement(By.cssSelector(".info .title")).getText())
                .startsWith("Parley API");
        assertThat(browser.findElements(By.cssSelector(".opblock-tag")))
                .extracting(tag -> tag.getAttribute("data-tag"))
                .contains("tenancy", "client", "webhooks", "conversation");
        wait.until(d -> d.findElements(By.cssSelector(".opblock-summary-path")).stream()
                .anyMatch(path -> path.getText().contains("/webhooks/whatsapp")));
        assertThat(browser.manage().logs().get(LogType.BROWSER).getAll())
                .extracting(LogEntry::getMessage)
                .noneMatch(message -> message.contains("Content Security Policy"));
    }
}
