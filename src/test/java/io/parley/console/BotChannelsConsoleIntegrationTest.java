package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The channels page without a browser: a new WhatsApp verify token (the old one stops answering Meta's handshake),
 * a web channel's settings refused and kept, another organization's channel, and no inline script or style on any
 * bot page.
 */
class BotChannelsConsoleIntegrationTest extends IntegrationTestSupport {
    private static final Pattern ROTATED = Pattern.compile("data-test=\"verify-token-rotated\">(parley-[0-9a-f]+)<");

    @Test
    void should_show_a_new_verify_token_once_that_answers_metas_handshake_instead_of_the_old_one() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        ConsoleHttp admin = admin(bot);
        assertThat(handshake(bot.verifyToken())).isEqualTo(200);

        HttpResponse<String> rotated = admin.postWithCsrf(
                "/console/bots/" + bot.chatbotId() + "/channels/" + bot.channelId() + "/verify-token", Map.of());

        assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(200);
        Matcher token = ROTATED.matcher(rotated.body());
        assertThat(token.find()).as(rotated.body()).isTrue();
        assertThat(handshake(token.group(1))).isEqualTo(200);
        assertThat(handshake(bot.verifyToken())).isEqualTo(403);
        assertThat(admin.get("/console/bots/" + bot.chatbotId() + "/channels").body())
                .doesNotContain(token.group(1))
                .contains("data-test=\"verify-token-rotate\"");
    }

    @Test
    void should_show_a_refused_web_channel_form_next_to_it_with_the_input_and_change_nothing() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        String web = webChannel(bot, "https://shop.example");
        ConsoleHttp admin = admin(bot);

        HttpResponse<String> refused = admin.postWithCsrf(
                "/console/bots/" + bot.chatbotId() + "/channels/" + web + "/settings",
                Map.of(
                        "name", "Shop",
                        "allowedOrigins", "https://shop.example\nshop.example/help",
                        "widget.title", "Typed title",
                        "widget.color", "#12ab34"));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body())
                .contains("data-test=\"web-settings-error\"", "must be exact origins")
                .contains("shop.example/help", "Typed title", "#12ab34");
        JsonNode stored = channel(bot, web);
        assertThat(stored.path("allowedOrigins").get(0).asString()).isEqualTo("https://shop.example");
        assertThat(stored.path("allowedOrigins")).hasSize(1);
        assertThat(stored.path("widget").isEmpty()).isTrue();
        assertThat(stored.path("acceptGuests").asBoolean()).isTrue();

        HttpResponse<String> badColour = admin.postWithCsrf(
                "/console/bots/" + bot.chatbotId() + "/channels/" + web + "/settings",
                Map.of("allowedOrigins", "https://shop.example", "widget.color", "blue"));
        assertThat(badColour.statusCode()).isEqualTo(400);
        assertThat(badColour.body()).contains("widget.color must be a colour");
    }

    @Test
    void should_not_find_another_organizations_channel_and_refuse_a_settings_form_without_the_token() {
        Tenants.WhatsAppBot mine = Tenants.offlineBot(api, "[]");
        Tenants.WhatsAppBot theirs = Tenants.offlineBot(api, "[]");
        String theirWeb = webChannel(theirs, "https://theirs.example");
        ConsoleHttp admin = admin(mine);

        HttpResponse<String> foreign = admin.postWithCsrf(
                "/console/bots/" + mine.chatbotId() + "/channels/" + theirWeb + "/settings",
                Map.of("allowedOrigins", "https://evil.example"));
        HttpResponse<String> foreignToken = admin.postWithCsrf(
                "/console/bots/" + mine.chatbotId() + "/channels/" + theirs.channelId() + "/verify-token", Map.of());
        HttpResponse<String> forged = admin.postForm(
                "/console/bots/" + theirs.chatbotId() + "/channels/" + theirWeb + "/settings",
                Map.of("allowedOrigins", "https://evil.example"));

        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreignToken.statusCode()).isEqualTo(404);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(channel(theirs, theirWeb).path("allowedOrigins").get(0).asString())
                .isEqualTo("https://theirs.example");
        assertThat(handshake(theirs.verifyToken())).isEqualTo(200);
    }

    @Test
    void should_serve_every_bot_page_without_inline_script_style_or_handlers() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        webChannel(bot, "http://localhost:" + port);
        api.upload(
                "/api/v1/chatbots/" + bot.chatbotId() + "/knowledge/sources",
                "file",
                "notes.txt",
                "text/plain",
                "Opening hours are nine to five.".getBytes(StandardCharsets.UTF_8));
        ConsoleHttp admin = admin(bot);
        Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>");
        Pattern handler = Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

        for (String path : new String[] {
            "/console/bots",
            "/console/bots/" + bot.chatbotId(),
            "/console/bots/" + bot.chatbotId() + "/channels",
            "/console/bots/" + bot.chatbotId() + "/knowledge",
            "/console/bots/" + bot.chatbotId() + "/templates"
        }) {
            HttpResponse<String> page = admin.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(inlineScript.matcher(page.body()).find()).as(path).isFalse();
            assertThat(handler.matcher(page.body()).find()).as(path).isFalse();
            assertThat(page.body()).as(path).doesNotContain("style=\"", "??", "javascript:");
        }
        assertThat(admin.get("/console/bots/" + bot.chatbotId() + "/templates?synced=1")
                        .body())
                .contains("1 template synced.");
        assertThat(admin.get("/console/bots/" + bot.chatbotId() + "/templates?synced=12")
                        .body())
                .contains("12 templates synced.");
        assertThat(admin.get("/console/bots/" + bot.chatbotId() + "/templates?synced=x")
                        .statusCode())
                .isEqualTo(200);
    }

    private ConsoleHttp admin(Tenants.WhatsAppBot bot) {
        return new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), "admin"), ConsoleStaff.PASSWORD);
    }

    private String webChannel(Tenants.WhatsAppBot bot, String origin) {
        Api.Response web = api.post(
                "/api/v1/chatbots/" + bot.chatbotId() + "/channels",
                "{\"type\": \"web\", \"allowedOrigins\": [\"" + origin + "\"]}");
        assertThat(web.status()).as(web.body()).isEqualTo(201);
        return web.text("id");
    }

    private JsonNode channel(Tenants.WhatsAppBot bot, String channelId) {
        for (JsonNode channel :
                api.get("/api/v1/chatbots/" + bot.chatbotId() + "/channels").json()) {
            if (channelId.equals(channel.path("id").asString())) {
                return channel;
            }
        }
        throw new AssertionError("no channel " + channelId);
    }

    private int handshake(String verifyToken) {
        return api.getRaw("/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token="
                        + URLEncoder.encode(verifyToken, StandardCharsets.UTF_8))
                .status();
    }
}
