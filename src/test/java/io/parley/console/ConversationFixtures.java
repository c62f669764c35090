package io.parley.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.Tenants;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Bots and conversation states the conversation page's tests start from. */
final class ConversationFixtures {
    private static final AtomicLong IDS = new AtomicLong(400_000_000_000_000L + System.nanoTime() % 1_000_000_000L);

    private ConversationFixtures() {}

    /**
     * An offline bot whose WhatsApp channel names a WhatsApp Business Account, so templates can be registered, with
     * an approved template {@code order_update} of two body parameters. Graph accepts texts and templates.
     */
    static Tenants.WhatsAppBot templateBot(Api api) {
        String org = Tenants.organization(api, "Desk " + UUID.randomUUID());
        Api.Response bot = api.post("/api/v1/organizations/" + org + "/chatbots", """
                {"name": "Support", "systemPrompt": "You help.", "model": {"provider": "offline"},
                 "faq": [{"question": "opening hours", "answer": "9 to 5"}]}""");
        assertThat(bot.status()).as(bot.body()).isEqualTo(201);
        String phoneNumberId = Long.toString(IDS.incrementAndGet());
        String token = "EAAdesk" + UUID.randomUUID().toString().replace("-", "");
        String secret = "secret-" + UUID.randomUUID();
        Api.Response channel = api.post("/api/v1/chatbots/" + bot.text("id") + "/channels", """
                {"type": "whatsapp", "phoneNumberId": "%s", "accessToken": "%s", "appSecret": "%s",
                 "verifyToken": "v-%s", "businessAccountId": "%s"}""".formatted(
                        phoneNumberId, token, secret, UUID.randomUUID(), IDS.incrementAndGet()));
        assertThat(channel.status()).as(channel.body()).isEqualTo(201);
        GraphFake.acceptSends(phoneNumberId);
        GraphFake.acceptStructuredSends(phoneNumberId);
        Tenants.WhatsAppBot created = new Tenants.WhatsAppBot(
                org, bot.text("id"), channel.text("id"), phoneNumberId, token, secret, "unused", null);
        template(api, created, "order_update", "Hi {{1}}, your order {{2}} has shipped.", "approved");
        return created;
    }

    static void template(Api api, Tenants.WhatsAppBot bot, String name, String body, String status) {
        Api.Response response =
                api.post("/api/v1/chatbots/" + bot.chatbotId() + "/templates", """
                {"name": "%s", "language": "en_US", "category": "utility", "body": "%s", "status": "%s"}""".formatted(name, body, status));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    /** The contact's 24-hour window closed an hour ago. */
    static void closeWindow(JdbcClient jdbc, String conversationId) {
        jdbc.sql("update conversations set window_expires_at = now() - interval '1 hour' where id = :id")
                .param("id", UUID.fromString(conversationId))
                .update();
    }

    static String owner(Api api, String conversationId) {
        return api.get("/api/v1/conversations/" + conversationId).text("owner");
    }
}
