package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.Webhooks;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The contacts pages: list and search, profile, rename and tags, scoping to the organization, roles and CSRF. */
class ContactsConsoleIntegrationTest extends IntegrationTestSupport {
    Tenants.WhatsAppBot bot;
    String ada;

    @BeforeEach
    void contactsWhoWrote() {
        bot = Tenants.offlineBot(api, "[]");
        write(bot, "15550001001", "Ada Lovelace");
        write(bot, "15550001002", "Grace Hopper");
        ada = contactId(bot, "15550001001");
    }

    @Test
    void should_list_and_search_the_organizations_contacts_only() {
        Tenants.WhatsAppBot other = Tenants.offlineBot(api, "[]");
        write(other, "15550009999", "Someone Else");
        ConsoleHttp agent = new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), "agent"), ConsoleStaff.PASSWORD);

        String all = agent.get("/console/contacts").body();
        String found = agent.get("/console/contacts?q=Grace").body();
        String byPhone = agent.get("/console/contacts?q=15550001001").body();

        assertThat(all).contains("Ada Lovelace", "Grace Hopper", "15550001001").doesNotContain("Someone Else");
        assertThat(found).contains("Grace Hopper").doesNotContain("Ada Lovelace");
        assertThat(byPhone).contains("Ada Lovelace").doesNotContain("Grace Hopper");
        assertThat(agent.get("/console/contacts?q=Nobody").body()).contains("data-test=\"contacts-empty\"");
        assertThat(agent.get("/console/contacts?q=" + "x".repeat(201)).statusCode())
                .isEqualTo(400);
    }

    @Test
    void should_show_a_profile_with_identities_and_conversations_and_hide_other_organizations_contacts() {
        Tenants.WhatsAppBot other = Tenants.offlineBot(api, "[]");
        write(other, "15550009999", "Someone Else");
        ConsoleHttp agent = new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), "agent"), ConsoleStaff.PASSWORD);

        HttpResponse<String> profile = agent.get("/console/contacts/" + ada);
        HttpResponse<String> foreign = agent.get("/console/contacts/" + contactId(other, "15550009999"));

        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(profile.body()).contains("Ada Lovelace", "15550001001", "data-test=\"contact-conversation\"");
        assertThat(profile.body()).doesNotContain("data-test=\"contact-tag\"").doesNotContain("contact-tags");
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).contains("data-test=\"not-found\"").doesNotContain("Someone Else");
        assertThat(agent.get("/console/contacts/" + UUID.randomUUID()).statusCode())
                .isEqualTo(404);
        assertThat(agent.get("/console/contacts?after=garbage").statusCode()).isEqualTo(404);
    }

    @Test
    void should_let_an_agent_rename_and_an_admin_tag_and_refuse_forged_forms() {
        ConsoleHttp agent = new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), "agent"), ConsoleStaff.PASSWORD);
        ConsoleHttp admin = new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), "admin"), ConsoleStaff.PASSWORD);

        HttpResponse<String> forged = agent.postForm("/console/contacts/" + ada + "/name", Map.of("name", "Forged"));
        HttpResponse<String> renamed =
                agent.postWithCsrf("/console/contacts/" + ada + "/name", Map.of("name", "Countess Ada"));
        HttpResponse<String> agentTags =
                agent.postWithCsrf("/console/contacts/" + ada + "/tags", Map.of("tags", "vip"));
        HttpResponse<String> tagged =
                admin.postWithCsrf("/console/contacts/" + ada + "/tags", Map.of("tags", "vip, math , vip"));
        HttpResponse<String> tooLong =
                admin.postWithCsrf("/console/contacts/" + ada + "/tags", Map.of("tags", "x".repeat(101)));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(renamed.statusCode()).isEqualTo(302);
        assertThat(agentTags.statusCode()).isEqualTo(403);
        assertThat(tagged.statusCode()).isEqualTo(302);
        assertThat(tooLong.statusCode()).isEqualTo(400);
        Api.Response contact = api.get("/api/v1/organizations/" + bot.organizationId() + "/contacts/" + ada);
        assertThat(contact.text("name")).isEqualTo("Countess Ada");
        assertThat(contact.json().get("tags").toString()).isEqualTo("[\"math\",\"vip\"]");
    }

    @Test
    void should_show_contacts_and_a_profile_in_the_browser() {
        String email = ConsoleStaff.create(api, bot.organizationId(), "admin");
        try (ConsoleBrowser browser = new ConsoleBrowser(port)) {
            browser.signIn(email, ConsoleStaff.PASSWORD);
            browser.find("nav-contacts").click();
            browser.await("contact-item");
            assertThat(browser.driver().findElements(ConsoleBrowser.test("contact-item")))
                    .hasSize(2);
            browser.screenshot("contacts");

            browser.driver().findElement(By.linkText("Ada Lovelace")).click();
            assertThat(browser.await("contact-name").getText()).isEqualTo("Ada Lovelace");
            browser.screenshot("contact-profile");
        }
    }

    private void write(Tenants.WhatsAppBot to, String waId, String name) {
        Api.Response ack = Webhooks.post(
                api,
                WhatsAppPayloads.textWithProfile(to.phoneNumberId(), waId, name, WhatsAppPayloads.newWamid(), "Hello"),
                to.appSecret());
        assertThat(ack.status()).isEqualTo(200);
    }

    private String contactId(Tenants.WhatsAppBot in, String waId) {
        return jdbc.sql("""
                        select c.id::text from contacts c join contact_identities i on i.contact_id = c.id
                        where c.organization_id = cast(:org as uuid) and i.value in (:phone, '+' || :phone)""")
                .param("org", in.organizationId())
                .param("phone", waId)
                .query(String.class)
                .single();
    }
}
