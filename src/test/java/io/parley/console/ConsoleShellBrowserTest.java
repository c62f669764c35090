package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Signing in and out of the console in headless Chromium, on a desktop and on a phone-sized window. */
class ConsoleShellBrowserTest extends IntegrationTestSupport {

    @Test
    void should_sign_in_see_the_inbox_and_sign_out() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String email = ConsoleStaff.create(api, bot.organizationId(), "owner");
        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.open("/console");
            browser.await("login-email");
            browser.screenshot("sign-in");

            browser.signIn(email, ConsoleStaff.PASSWORD);

            assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("Inbox");
            assertThat(browser.driver().findElements(ConsoleBrowser.test("nav-bots")))
                    .hasSize(1);
            browser.screenshot("inbox-empty");
            browser.find("logout").click();
            browser.await("login-email");
            assertThat(browser.driver().getCurrentUrl()).contains("/console/login");
        }
    }

    @Test
    void should_fold_the_navigation_behind_a_menu_button_on_a_phone() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String email = ConsoleStaff.create(api, bot.organizationId(), "agent");
        try (ConsoleBrowser browser = new ConsoleBrowser(port, 390, 800)) {
            browser.signIn(email, ConsoleStaff.PASSWORD);

            assertThat(browser.find("nav-inbox").isDisplayed()).isFalse();
            browser.driver().findElement(By.cssSelector(".nav-toggle")).click();
            assertThat(browser.await("nav-inbox").isDisplayed()).isTrue();
            browser.screenshot("phone-navigation");
        }
    }
}
