package io.parley.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.Tenants.WhatsAppBot;
import io.parley.testing.Webhooks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * What Parley stored for one test's own tenant: through the admin API where it is exposed, else by SQL scoped to
 * the tenant's ids (the database is shared by every test of the Spring context).
 */
final class IngressProbe {
    static final String WEBHOOK = "/webhooks/whatsapp";

    private final Api api;
    private final JdbcClient jdbc;

    IngressProbe(Api api, JdbcClient jdbc) {
        this.api = api;
        this.jdbc = jdbc;
    }

    /** The bot's reply to a customer's text, as sent to Graph: its conversation, Graph's wamid, our callback data. */
    record SentReply(String conversationId, String outboundWamid, String callbackData) {}

    JsonNode conversations(WhatsAppBot bot) {
        Api.Response response = api.get("/api/v1/chatbots/" + bot.chatbotId() + "/conversations");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    JsonNode messages(String conversationId) {
        Api.Response response = api.get("/api/v1/conversations/" + conversationId + "/messages");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** Every message the customers of this bot sent, across all its conversations. */
    List<JsonNode> userMessages(WhatsAppBot bot) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode conversation : conversations(bot)) {
            for (JsonNode message : messages(conversation.path("id").asString())) {
                if ("user".equals(message.path("role").asString())) {
                    found.add(message);
                }
            }
        }
        return found;
    }

    JsonNode onlyUserMessage(WhatsAppBot bot) {
        List<JsonNode> messages = userMessages(bot);
        assertThat(messages).hasSize(1);
        return messages.getFirst();
    }

    /** Rows in inbound_events (the dedupe ledger) for this wamid, under any account. */
    int inboundEvents(String wamid) {
        return jdbc.sql("select count(*) from inbound_events where provider_event_id = :wamid")
                .param("wamid", wamid)
                .query(Integer.class)
                .single();
    }

    boolean needsReply(WhatsAppBot bot, String wamid) {
        return jdbc.sql("""
                        select m.needs_reply from messages m join conversations c on c.id = m.conversation_id
                        where c.chatbot_id = :bot and m.provider_message_id = :wamid""")
                .param("bot", UUID.fromString(bot.chatbotId()))
                .param("wamid", wamid)
                .query(Boolean.class)
                .single();
    }

    /** system_events of {@code type} whose payload names {@code phoneNumberId}. */
    List<String> systemEvents(String type, String phoneNumberId) {
        return jdbc.sql("""
                        select payload::text from system_events
                        where type = :type and payload->>'phoneNumberId' = :phone order by id""")
                .param("type", type)
                .param("phone", phoneNumberId)
                .query(String.class)
                .list();
    }

    /** Posts a text from {@code customer}, waits until the model's answer was sent, and returns how to find it. */
    SentReply textAnsweredAndSent(WhatsAppBot bot, String customer) {
        bot.llm().replies("Happy to help.");
        Api.Response ack = Webhooks.post(
                api,
                WhatsAppPayloads.text(bot.phoneNumberId(), customer, WhatsAppPayloads.newWamid(), "Hello?"),
                bot.appSecret());
        assertThat(ack.status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> GraphFake.sends(bot.phoneNumberId()).size() == 1);
        String callback = Api.json()
                .readTree(GraphFake.sends(bot.phoneNumberId()).getFirst().getBodyAsString())
                .path("biz_opaque_callback_data")
                .asString();
        String conversationId = conversations(bot).get(0).path("id").asString();
        AtomicReference<String> wamid = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            JsonNode delivery = delivery(conversationId);
            assertThat(delivery.path("status").asString()).isEqualTo("sent");
            assertThat(delivery.path("providerMessageId").asString()).startsWith("wamid.OUT");
            wamid.set(delivery.path("providerMessageId").asString());
        });
        return new SentReply(conversationId, wamid.get(), callback);
    }

    /** The delivery state of the (only) assistant message of the conversation. */
    JsonNode delivery(String conversationId) {
        List<JsonNode> assistant = new ArrayList<>();
        messages(conversationId).forEach(m -> {
            if ("assistant".equals(m.path("role").asString())) {
                assistant.add(m);
            }
        });
        assertThat(assistant).hasSize(1);
        return assistant.getFirst().path("delivery");
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
