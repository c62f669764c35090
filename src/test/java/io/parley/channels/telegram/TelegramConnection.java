package io.parley.channels.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.channels.ChannelContract;
import io.parley.testing.Api;
import io.parley.testing.LlmFake;
import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;

/** A chatbot connected to a new fake bot the way an admin connects it, and how its webhook is called. */
record TelegramConnection(
        String organizationId,
        String chatbotId,
        String channelId,
        TelegramFake.Bot bot,
        String webhookPath,
        String secret,
        Api.Response connectResponse) {

    static TelegramConnection connect(Api api, LlmFake llm) {
        ChannelContract.NewChatbot chatbot = ChannelContract.newChatbot(api, llm);
        TelegramFake.Bot bot = TelegramFake.newBot();
        Api.Response response = api.post(
                "/api/v1/chatbots/" + chatbot.chatbotId() + "/channels",
                "{\"type\": \"telegram\", \"botToken\": \"" + bot.token() + "\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return new TelegramConnection(
                chatbot.organizationId(),
                chatbot.chatbotId(),
                response.text("id"),
                bot,
                URI.create(response.text("webhookUrl")).getPath(),
                TelegramFake.webhookSecret(bot),
                response);
    }

    /** Posts an update with the registered secret. */
    Api.Response deliver(Api api, String update) {
        return api.post(webhookPath, update, "X-Telegram-Bot-Api-Secret-Token", secret);
    }

    static long newUserId() {
        return ThreadLocalRandom.current().nextLong(1_000_000_000L, 8_000_000_000L);
    }
}
