package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The bots pages without a browser: roles, other organizations, CSRF, refused input, the write-only API key. */
class BotConsoleIntegrationTest extends IntegrationTestSupport {

    @Test
    void should_show_the_not_allowed_page_and_no_bots_link_to_an_agent() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        ConsoleHttp agent = new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), "agent"), ConsoleStaff.PASSWORD);

        for (String path : new String[] {
            "/console/bots",
            "/console/bots/" + bot.chatbotId(),
            "/console/bots/" + bot.chatbotId() + "/channels",
            "/console/bots/" + bot.chatbotId() + "/knowledge",
            "/console/bots/" + bot.chatbotId() + "/templates"
        }) {
            HttpResponse<String> page = agent.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(403);
            assertThat(page.body()).as(path).contains("Not allowed");
        }
        assertThat(agent.get("/console").body()).doesNotContain("data-test=\"nav-bots\"");
        HttpResponse<String> pause = agent.postWithCsrf("/console/bots/" + bot.chatbotId() + "/pause", Map.of());
        assertThat(pause.statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/chatbots/" + bot.chatbotId())
                        .json()
                        .path("active")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void should_show_the_not_found_page_for_another_organizations_bot() {
        Tenants.WhatsAppBot mine = Tenants.offlineBot(api, "[]");
        Tenants.WhatsAppBot theirs = Tenants.offlineBot(api, "[]");
        ConsoleHttp admin = new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, mine.organizationId(), "admin"), ConsoleStaff.PASSWORD);

        for (String path : new String[] {
            "/console/bots/" + theirs.chatbotId(),
            "/console/bots/" + theirs.chatbotId() + "/channels",
            "/console/bots/" + theirs.chatbotId() + "/knowledge",
            "/console/bots/" + theirs.chatbotId() + "/templates",
            "/console/bots/" + UUID.randomUUID()
        }) {
            assertThat(admin.get(path).statusCode()).as(path).isEqualTo(404);
        }
        HttpResponse<String> pause = admin.postWithCsrf("/console/bots/" + theirs.chatbotId() + "/pause", Map.of());
        assertThat(pause.statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/chatbots/" + theirs.chatbotId())
                        .json()
                        .path("active")
                        .asBoolean())
                .isTrue();
        assertThat(admin.get("/console/bots").body()).contains(mine.chatbotId()).doesNotContain(theirs.chatbotId());
    }

    @Test
    void should_refuse_a_form_without_the_csrf_token_and_change_nothing() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        ConsoleHttp admin = new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), "admin"), ConsoleStaff.PASSWORD);

        HttpResponse<String> forged = admin.postForm(
                "/console/bots/" + bot.chatbotId(), Map.of("name", "Hijacked", "systemPrompt", "Say yes."));

        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/chatbots/" + bot.chatbotId()).text("name")).isEqualTo("Support");
        assertThat(admin.postForm("/console/bots", Map.of("name", "Forged", "systemPrompt", "x"))
                        .statusCode())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/organizations/" + bot.organizationId() + "/chatbots")
                        .json()
                        .size())
                .isEqualTo(1);
    }

    @Test
    void should_never_render_the_api_key_and_keep_it_when_the_field_is_left_empty() {
        String org = Tenants.organization(api, "Keys " + UUID.randomUUID());
        String key = "sk-console-secret-" + UUID.randomUUID();
        Api.Response created = api.post("/api/v1/organizations/" + org + "/chatbots", """
                {"name": "Keyed", "systemPrompt": "Answer.",
                 "model": {"provider": "openai", "name": "gpt-4o-mini", "apiKey": "%s"}}""".formatted(key));
        String botId = created.text("id");
        ConsoleHttp admin = new ConsoleHttp(port).signIn(ConsoleStaff.create(api, org, "admin"), ConsoleStaff.PASSWORD);

        HttpResponse<String> page = admin.get("/console/bots/" + botId);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain(key).contains("A key is stored", "technical problems right now");

        HttpResponse<String> saved = admin.postWithCsrf(
                "/console/bots/" + botId,
                Map.of(
                        "name", "Keyed again",
                        "systemPrompt", "Answer briefly.",
                        "provider", "openai",
                        "modelName", "gpt-4o-mini",
                        "apiKey", "",
                        "sessionTimeoutMinutes", "30"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
        Api.Response stored = api.get("/api/v1/chatbots/" + botId);
        assertThat(stored.text("name")).isEqualTo("Keyed again");
        assertThat(stored.text("sessionTimeout")).isEqualTo("PT30M");
        assertThat(stored.json().path("model").path("apiKeySet").asBoolean()).isTrue();
        assertThat(admin.get("/console/bots/" + botId).body()).doesNotContain(key);
    }

    @Test
    void should_show_a_refused_form_again_with_the_message_and_the_input() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        ConsoleHttp admin = new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), "admin"), ConsoleStaff.PASSWORD);

        HttpResponse<String> refused = admin.postWithCsrf(
                "/console/bots/" + bot.chatbotId(),
                Map.of(
                        "name", "",
                        "systemPrompt", "A prompt I typed carefully",
                        "provider", "offline",
                        "faqQuestion", "Do you ship?",
                        "faqAnswer", "Yes, worldwide.",
                        "sessionTimeoutMinutes", "60"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("data-test=\"form-error\"", "name must not be blank")
                .contains("A prompt I typed carefully", "Yes, worldwide.");
        assertThat(api.get("/api/v1/chatbots/" + bot.chatbotId()).text("name")).isEqualTo("Support");

        HttpResponse<String> badTimeout = admin.postWithCsrf(
                "/console/bots/" + bot.chatbotId(),
                Map.of(
                        "name",
                        "Support",
                        "systemPrompt",
                        "Hi",
                        "provider",
                        "offline",
                        "sessionTimeoutMinutes",
                        "soon"));
        assertThat(badTimeout.statusCode()).isEqualTo(400);
        assertThat(badTimeout.body()).contains("whole number of minutes");
    }

    @Test
    void should_show_an_api_channels_key_once_after_connecting_it() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        ConsoleHttp admin = new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), "admin"), ConsoleStaff.PASSWORD);

        HttpResponse<String> connected = admin.postWithCsrf(
                "/console/bots/" + bot.chatbotId() + "/channels", Map.of("type", "api", "name", "Backend"));

        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(200);
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("data-test=\"api-channel-key\">(sk_[^<]+)<")
                .matcher(connected.body());
        assertThat(key.find()).as(connected.body()).isTrue();
        assertThat(connected.body()).contains("Callback signing secret", "whsec_");
        assertThat(admin.get("/console/bots/" + bot.chatbotId() + "/channels").body())
                .doesNotContain(key.group(1))
                .contains("Backend");

        HttpResponse<String> refused = admin.postWithCsrf(
                "/console/bots/" + bot.chatbotId() + "/channels",
                Map.of(
                        "type",
                        "whatsapp",
                        "phoneNumberId",
                        "+34 600",
                        "accessToken",
                        "EAAx",
                        "appSecret",
                        "s",
                        "verifyToken",
                        "v"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("numeric phone number id", "+34 600")
                .doesNotContain("EAAx");
    }
}
