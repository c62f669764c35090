package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

/** The dead-letters page in Chromium: a message Graph refused leaves the open list when replayed. */
class DeadLetterConsoleBrowserTest extends IntegrationTestSupport {

    @Test
    void should_replay_a_dead_letter_and_see_it_leave_the_open_list() {
        DeadLetterConsoleIntegrationTest.Undeliverable failed = DeadLetterConsoleIntegrationTest.undeliverable(api, 1);
        String id = failed.deadLetterIds().getFirst();
        String admin = ConsoleStaff.create(api, failed.bot().organizationId(), "admin");
        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(admin, ConsoleStaff.PASSWORD);
            browser.open("/console/dead-letters");
            assertThat(browser.await("dead-letter").getAttribute("data-dead-letter-id"))
                    .isEqualTo(id);
            assertThat(browser.find("dead-letter").getText()).contains("131026", "Permanent");
            browser.screenshot("dead-letters");

            browser.find("dead-letter-replay").click();

            assertThat(browser.await("flash-ok").getText()).isEqualTo("The message was queued again.");
            assertThat(browser.await("dead-letters-empty").isDisplayed()).isTrue();
            assertThat(DeadLetterConsoleIntegrationTest.openDeadLetters(api, failed.bot()))
                    .isEmpty();
            new Select(browser.find("dead-letters-state")).selectByValue("replayed");
            browser.find("dead-letters-apply").click();
            assertThat(browser.await("dead-letter-replayed").getText()).startsWith("Replayed by user:");
        }
    }
}
