package io.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.channels.whatsapp.WhatsAppPayloads;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/**
 * One contact writing to a WhatsApp bot through signed webhooks, and what the bot sent back through the Graph
 * fake. Each chat has a phone number of its own, so several chats can share a bot.
 */
public final class WhatsAppChat {
    private final Api api;
    private final Tenants.WhatsAppBot bot;
    private final String waId;

    private WhatsAppChat(Api api, Tenants.WhatsAppBot bot, String waId) {
        this.api = api;
        this.bot = bot;
        this.waId = waId;
    }

    public static WhatsAppChat start(Api api, Tenants.WhatsAppBot bot) {
        return start(api, bot, "1555" + ThreadLocalRandom.current().nextLong(1_000_000L, 9_999_999L));
    }

    /** A chat from a number the test chose ({@code waId}: Meta's digits without '+'), for tests that need many. */
    public static WhatsAppChat start(Api api, Tenants.WhatsAppBot bot, String waId) {
        return new WhatsAppChat(api, bot, waId);
    }

    /**
     * A contact who wrote "Hi" and already received the bot's first reply ("Hello!" from the faked model), so the
     * conversation exists and its 24-hour window is open. Graph accepts sends until the test stubs otherwise. For a
     * bot from {@link Tenants#openAiBot}.
     */
    public static WhatsAppChat answered(Api api, Tenants.WhatsAppBot bot) {
        bot.llm().replies("Hello!");
        GraphFake.acceptSends(bot.phoneNumberId());
        WhatsAppChat chat = start(api, bot);
        chat.says("Hi");
        chat.awaitReceived(1);
        return chat;
    }

    public String waId() {
        return waId;
    }

    /** The contact sends a text; returns its wamid once Parley acknowledged the webhook. */
    public String says(String text) {
        String wamid = WhatsAppPayloads.newWamid();
        Api.Response ack = Webhooks.post(
                api, WhatsAppPayloads.textWithProfile(bot.phoneNumberId(), waId, "Ana", wamid, text), bot.appSecret());
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        return wamid;
    }

    /** Texts the Graph fake received for this contact, oldest first. */
    public List<String> received() {
        return GraphFake.sends(bot.phoneNumberId()).stream()
                .map(request -> Api.json().readTree(request.getBodyAsString()))
                .filter(body -> waId.equals(body.path("to").asString()))
                .map(body -> body.path("text").path("body").asString())
                .toList();
    }

    /** Waits until the contact received {@code count} texts; returns them. */
    public List<String> awaitReceived(int count) {
        await().atMost(Duration.ofSeconds(15)).until(() -> received().size() >= count);
        return received();
    }

    /** The conversation's id, waiting for the first message to create it. */
    public String conversationId() {
        await().atMost(Duration.ofSeconds(10)).until(() -> findConversation().isPresent());
        return findConversation().orElseThrow();
    }

    /** The conversation's messages as the API shows them, oldest first. */
    public JsonNode messages() {
        Api.Response response = api.get("/api/v1/conversations/" + conversationId() + "/messages");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** The delivery state of the newest bot reply, or empty while there is none. */
    public Optional<JsonNode> lastReplyDelivery() {
        JsonNode last = null;
        for (JsonNode message : messages()) {
            if ("assistant".equals(message.path("role").asString())) {
                last = message;
            }
        }
        return last == null || last.path("delivery").isMissingNode()
                ? Optional.empty()
                : Optional.of(last.path("delivery"));
    }

    private Optional<String> findConversation() {
        JsonNode conversations = api.get("/api/v1/chatbots/" + bot.chatbotId() + "/conversations")
                .json();
        return StreamSupport.stream(conversations.spliterator(), false)
                .filter(c -> waId.equals(c.path("contact").path("waId").asString()))
                .map(c -> c.path("id").asString())
                .findFirst();
    }
}
