package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** Settings in Chromium: an API key shown once, a staff user added and promoted, the audit log of both. */
class SettingsConsoleBrowserTest extends IntegrationTestSupport {

    @Test
    void should_create_a_key_shown_once_add_a_user_and_see_both_in_the_audit_log() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String owner = ConsoleStaff.create(api, bot.organizationId(), "owner");
        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(owner, ConsoleStaff.PASSWORD);
            browser.find("nav-settings").click();
            browser.await("api-key-form");
            assertThat(browser.driver().getCurrentUrl()).endsWith("/console/settings/api-keys");

            browser.find("api-key-name").sendKeys("CRM");
            new Select(browser.find("api-key-role")).selectByValue("agent");
            browser.find("api-key-create").click();
            String key = browser.await("api-key-secret").getText();
            assertThat(key).startsWith("pk_").hasSize(43);
            assertThat(browser.find("api-key-copy").isDisplayed()).isTrue();
            browser.screenshot("settings-api-keys");
            assertThat(Api.at(port)
                            .withToken(key)
                            .get("/api/v1/chatbots/" + bot.chatbotId() + "/conversations")
                            .status())
                    .isEqualTo(200);

            browser.open("/console/settings/api-keys");
            browser.await("api-key");
            assertThat(browser.driver().getPageSource()).doesNotContain(key);
            assertThat(browser.driver().findElements(ConsoleBrowser.test("api-key-created")))
                    .isEmpty();
            browser.find("api-key-revoke").click();
            browser.waiting().until(ExpectedConditions.alertIsPresent()).accept();
            assertThat(browser.await("flash-ok").getText()).isEqualTo("The key was revoked.");
            assertThat(browser.find("api-key").getAttribute("class")).contains("revoked");

            browser.find("settings-nav-users").click();
            String email = "new-agent-" + System.nanoTime() + "@console.test";
            browser.await("user-email").sendKeys(email);
            browser.find("user-name").sendKeys("Nia Agent");
            new Select(browser.find("user-role")).selectByValue("agent");
            browser.find("user-password").sendKeys(ConsoleStaff.PASSWORD);
            browser.find("user-create").click();
            assertThat(browser.await("flash-ok").getText()).isEqualTo("The user was added.");
            WebElement row =
                    browser.driver().findElement(By.cssSelector("[data-test=user][data-email='" + email + "']"));
            new Select(row.findElement(By.cssSelector("[data-test=user-role-select]"))).selectByValue("admin");
            row.findElement(By.cssSelector("[data-test=user-role-save]")).click();
            assertThat(browser.await("flash-ok").getText()).isEqualTo("The role was changed.");
            assertThat(browser.driver()
                            .findElement(By.cssSelector("[data-test=user][data-email='" + email + "']"))
                            .getAttribute("data-role"))
                    .isEqualTo("admin");
            browser.screenshot("settings-users");

            browser.find("settings-nav-audit").click();
            browser.await("audit-table");
            assertThat(browser.driver().findElements(By.cssSelector("[data-test=audit-entry]")).stream()
                            .map(e -> e.getAttribute("data-action"))
                            .toList())
                    .startsWith("staff_user_changed", "staff_user_created", "api_key_revoked", "api_key_created");
            browser.screenshot("settings-audit");
        }
    }
}
