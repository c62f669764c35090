package io.parley.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.Tenants;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** A WhatsApp bot whose channel was connected with a WhatsApp Business Account id, as template features need. */
final class TemplateBots {
    private static final AtomicLong IDS = new AtomicLong(300_000_000_000_000L + System.nanoTime() % 1_000_000_000L);

    private TemplateBots() {}

    record Bot(
            String organizationId,
            String chatbotId,
            String channelId,
            String phoneNumberId,
            String wabaId,
            String accessToken,
            String appSecret) {
        Tenants.WhatsAppBot asWhatsAppBot() {
            return new Tenants.WhatsAppBot(
                    organizationId, chatbotId, channelId, phoneNumberId, accessToken, appSecret, "unused", null);
        }
    }

    static Bot create(Api api) {
        return create(api, Long.toString(IDS.incrementAndGet()));
    }

    /** A bot of a new organization whose channel claims this WABA id, with an app secret of its own. */
    static Bot create(Api api, String waba) {
        String org = Tenants.organization(api, "Templates " + UUID.randomUUID());
        Api.Response bot = api.post("/api/v1/organizations/" + org + "/chatbots", """
                {"name": "Support", "systemPrompt": "You help.", "model": {"provider": "offline"},
                 "faq": [{"question": "opening hours", "answer": "9 to 5"}]}""");
        assertThat(bot.status()).as(bot.body()).isEqualTo(201);
        String phoneNumberId = Long.toString(IDS.incrementAndGet());
        String token = "EAAtpl" + UUID.randomUUID().toString().replace("-", "");
        String secret = "secret-" + UUID.randomUUID();
        Api.Response channel = api.post("/api/v1/chatbots/" + bot.text("id") + "/channels", """
                {"type": "whatsapp", "phoneNumberId": "%s", "accessToken": "%s", "appSecret": "%s",
                 "verifyToken": "v-%s", "businessAccountId": "%s"}""".formatted(
                        phoneNumberId, token, secret, UUID.randomUUID(), waba));
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        GraphFake.acceptSends(phoneNumberId);
        return new Bot(org, bot.text("id"), channel.text("id"), phoneNumberId, waba, token, secret);
    }

    static void register(Api api, Bot bot, String name, String body, String status) {
        Api.Response response =
                api.post("/api/v1/chatbots/" + bot.chatbotId() + "/templates", """
                {"name": "%s", "language": "en_US", "category": "utility", "body": "%s", "status": "%s"}""".formatted(name, body, status));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    static String statusWebhook(String wabaId, String event, String templateId, String name) {
        return """
                {"object": "whatsapp_business_account", "entry": [{"id": "%s", "changes": [{"field":
                 "message_template_status_update", "value": {"event": "%s", "message_template_id": %s,
                 "message_template_name": "%s", "message_template_language": "en_US", "reason": "NONE"}}]}]}""".formatted(wabaId, event, templateId, name);
    }
}
