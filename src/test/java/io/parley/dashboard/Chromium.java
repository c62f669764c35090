package io.parley.dashboard;

import io.parley.testing.HeadlessChromium;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Headless Chromium from Debian's chromium + chromium-driver packages, as the browser tests use it. */
final class Chromium {
    private Chromium() {}

    /** A new browser; skips the test on a machine without Chromium, fails it with {@code CI=true}. */
    static WebDriver start() {
        return HeadlessChromium.start(1000, 800);
    }

    /** The widget's Shadow DOM on the current page (the widget's host element is {@code #parley-widget}). */
    static SearchContext widget(WebDriver browser) {
        return browser.findElement(By.id("parley-widget")).getShadowRoot();
    }

    /** The class of the element focused inside the widget, or null when the focus is elsewhere. */
    static String focusedInWidget(WebDriver browser) {
        return (String) ((JavascriptExecutor) browser).executeScript("""
                const host = document.getElementById('parley-widget');
                if (!host || document.activeElement !== host) { return null; }
                const active = host.shadowRoot.activeElement;
                return active ? active.className : null;""");
    }

    static Object script(WebDriver browser, String code, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(code, arguments);
    }

    static WebElement find(SearchContext context, String css) {
        return context.findElement(By.cssSelector(css));
    }

    /** Waits for the widget titled "Shop help" on the current page, opens its panel, and returns its Shadow DOM. */
    static SearchContext openShopWidget(WebDriverWait wait) {
        SearchContext widget = wait.until(d -> {
            SearchContext shadow = widget(d);
            return find(shadow, ".title").getAttribute("textContent").equals("Shop help") ? shadow : null;
        });
        find(widget, ".launcher").click();
        wait.until(d -> find(widget, ".panel").isDisplayed());
        return widget;
    }

    /** Types {@code text} into the widget's message box and sends it with Enter. */
    static void send(SearchContext widget, String text) {
        WebElement input = find(widget, "textarea");
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
    }

    /** What the widget keeps in {@code localStorage} for the channel {@code key}: one field of it, or null. */
    static String stored(WebDriver browser, String key, String field) {
        return (String) script(
                browser,
                "const raw = localStorage.getItem('parley.widget.' + arguments[0]);"
                        + " return raw ? (JSON.parse(raw)[arguments[1]] || null) : null;",
                key,
                field);
    }
}
