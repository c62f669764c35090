package io.parley.console;

import io.parley.testing.HeadlessChromium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in headless Chromium, as a person uses it: sign in through the form, open pages, find elements by
 * their {@code data-test} attribute, and write a screenshot of each page to {@code target/console-screenshots/}
 * (the committed set under {@code docs/console/} is copied from there: see docs/console/README.md). A width under
 * 600 px emulates a phone's viewport (Chromium keeps real windows at least ~500 px wide).
 */
public final class ConsoleBrowser implements AutoCloseable {
    public static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final int MIN_WINDOW_WIDTH = 600;

    private final String base;
    private final WebDriver driver;
    private final WebDriverWait wait;

    public ConsoleBrowser(int port) {
        this(port, 1280, 860);
    }

    public ConsoleBrowser(int port, int width, int height) {
        this.base = "http://localhost:" + port;
        this.driver = HeadlessChromium.start(width, height);
        // live pages swap parts of themselves: an element found a moment ago may be gone; look again
        this.wait = (WebDriverWait)
                new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(StaleElementReferenceException.class);
        if (width < MIN_WINDOW_WIDTH) {
            // Chromium keeps a window at least ~500 px wide; a phone's viewport is emulated instead.
            ((ChromeDriver) driver)
                    .executeCdpCommand(
                            "Emulation.setDeviceMetricsOverride",
                            Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
        }
    }

    public WebDriver driver() {
        return driver;
    }

    public WebDriverWait waiting() {
        return wait;
    }

    public ConsoleBrowser open(String path) {
        driver.get(base + path);
        return this;
    }

    /** Signs in through the form at {@code /console} and waits for the page after it. */
    public ConsoleBrowser signIn(String email, String password) {
        open("/console");
        wait.until(ExpectedConditions.visibilityOfElementLocated(test("login-email")));
        find("login-email").sendKeys(email);
        find("login-password").sendKeys(password);
        find("login-submit").click();
        wait.until(d -> !d.getCurrentUrl().contains("/console/login"));
        return this;
    }

    public static By test(String name) {
        return By.cssSelector("[data-test='" + name + "']");
    }

    public WebElement find(String dataTest) {
        return driver.findElement(test(dataTest));
    }

    public WebElement await(String dataTest) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(test(dataTest)));
    }

    public Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(code, arguments);
    }

    /** Writes a screenshot of the current page to {@code target/console-screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Path taken =
                    ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(taken, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
