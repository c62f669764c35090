package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.GraphMediaFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.Webhooks;
import io.parley.testing.WhatsAppChat;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Attachments on the conversation page: the contact's image served through the console, an agent's sent by link. */
class ConversationMediaIntegrationTest extends IntegrationTestSupport {
    private static final Pattern IMAGE = Pattern.compile("<img src=\"(/console/conversations/[^\"]+/media/[^\"]+)\"");

    @Test
    void should_show_the_contacts_image_inline_and_serve_it_only_to_the_organization() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        byte[] bytes = new byte[2_000];
        ThreadLocalRandom.current().nextBytes(bytes);
        String mediaId = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_999_999_999_999L));
        GraphMediaFake.serves(bot.accessToken(), mediaId, "image/png", bytes);
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        Api.Response ack = Webhooks.post(
                api,
                image(bot.phoneNumberId(), chat.waId(), mediaId, GraphMediaFake.sha256Base64(bytes)),
                bot.appSecret());
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        String base = "/console/conversations/" + chat.conversationId();
        ConsoleHttp agent = new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), "agent"), ConsoleStaff.PASSWORD);

        String[] url = new String[1];
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Matcher image = IMAGE.matcher(agent.get(base).body());
            assertThat(image.find()).isTrue();
            url[0] = image.group(1);
        });
        HttpResponse<String> served = agent.get(url[0]);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        Tenants.WhatsAppBot other = Tenants.offlineBot(api, "[]");
        ConsoleHttp stranger = new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, other.organizationId(), "owner"), ConsoleStaff.PASSWORD);
        assertThat(stranger.get(url[0]).statusCode()).isEqualTo(404);
    }

    @Test
    void should_send_an_attachment_by_its_link_with_the_text_as_caption() {
        Tenants.WhatsAppBot bot =
                Tenants.offlineBot(api, "[{\"question\": \"opening hours\", \"answer\": \"9 to 5\"}]");
        GraphFake.acceptStructuredSends(bot.phoneNumberId());
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("opening hours");
        chat.awaitReceived(1);
        ConsoleHttp agent = new ConsoleHttp(port)
                .signIn(ConsoleStaff.create(api, bot.organizationId(), "agent"), ConsoleStaff.PASSWORD);

        HttpResponse<String> sent = agent.postWithCsrf(
                "/console/conversations/" + chat.conversationId() + "/messages",
                Map.of(
                        "text", "Your invoice",
                        "attachmentKind", "image",
                        "attachmentLink", "https://files.example.com/invoice.png",
                        "idempotencyKey", "console-" + UUID.randomUUID()));

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(GraphFake.sendsOfType(bot.phoneNumberId(), "image"))
                        .as(chat.messages().toString())
                        .hasSize(1));
        String body =
                GraphFake.sendsOfType(bot.phoneNumberId(), "image").getFirst().getBodyAsString();
        assertThat(body).contains("https://files.example.com/invoice.png").contains("Your invoice");
    }

    private static String image(String phoneNumberId, String waId, String mediaId, String sha256) {
        return """
                {"object": "whatsapp_business_account", "entry": [{"id": "%s", "changes": [{"field": "messages",
                 "value": {"messaging_product": "whatsapp",
                  "metadata": {"display_phone_number": "%s", "phone_number_id": "%s"},
                  "contacts": [{"profile": {"name": "Ana"}, "wa_id": "%s"}],
                  "messages": [{"from": "%s", "id": "%s", "timestamp": "%d", "type": "image",
                   "image": {"mime_type": "image/png", "sha256": "%s", "id": "%s"}}]}}]}]}""".formatted(
                        WhatsAppPayloads.WABA_ID,
                        WhatsAppPayloads.DISPLAY_PHONE_NUMBER,
                        phoneNumberId,
                        waId,
                        waId,
                        WhatsAppPayloads.newWamid(),
                        System.currentTimeMillis() / 1000,
                        sha256,
                        mediaId);
    }
}
