package io.parley.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A person takes a conversation over through the API, writes to the customer, and gives it back to the bot. */
class HandoverApiIntegrationTest extends IntegrationTestSupport {

    @Test
    void should_keep_the_bot_silent_while_a_person_owns_the_conversation_and_answer_again_after_handback() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("Bot answer.");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("Hi");
        chat.awaitReceived(1);

        Api.Response taken = api.post("/api/v1/conversations/" + chat.conversationId() + "/handover", "{}");
        assertThat(taken.status()).isEqualTo(200);
        assertThat(taken.json().path("owner").asString()).isEqualTo("human");

        chat.says("Is anybody there?");
        Api.Response sent = api.post(
                "/api/v1/conversations/" + chat.conversationId() + "/messages",
                "{\"text\": \"Hello, this is Maria from Acme.\"}");
        assertThat(sent.status()).isEqualTo(202);
        assertThat(chat.awaitReceived(2)).containsExactly("Bot answer.", "Hello, this is Maria from Acme.");
        time.advance(PAST_EVERY_RETRY);
        assertThat(chat.received()).hasSize(2);
        assertThat(bot.llm().requests())
                .as("no model call while a person owns it")
                .hasSize(1);

        Api.Response back = api.post("/api/v1/conversations/" + chat.conversationId() + "/handback", "{}");
        assertThat(back.json().path("owner").asString()).isEqualTo("bot");
        chat.says("Thanks, one more question");
        assertThat(chat.awaitReceived(3)).last().isEqualTo("Bot answer.");
        assertThat(api.get("/api/v1/conversations/" + chat.conversationId() + "/messages")
                        .json())
                .anySatisfy(m -> assertThat(m.path("role").asString()).isEqualTo("agent"));
    }

    @Test
    void should_reject_an_empty_agent_message_and_answer_404_for_an_unknown_conversation() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        bot.llm().replies("Bot answer.");
        WhatsAppChat chat = WhatsAppChat.start(api, bot);
        chat.says("Hi");
        chat.awaitReceived(1);

        Api.Response empty =
                api.post("/api/v1/conversations/" + chat.conversationId() + "/messages", "{\"text\": \"   \"}");
        Api.Response unknown = api.post("/api/v1/conversations/" + UUID.randomUUID() + "/handover", "{}");

        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().path("code").asString()).isEqualTo("validation_failed");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(chat.received()).hasSize(1);
    }
}
