package io.parley.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.ParleyTestContext;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** MCP send_message by contactId (issue 12 item 9): through a channel that may write first, tenant-scoped. */
class McpSendToContactIntegrationTest extends io.parley.testing.IntegrationTestSupport {
    private static final String FAQ = "[{\"question\": \"Opening hours?\", \"answer\": \"We open at 9.\"}]";

    Tenants.WhatsAppBot bot;
    WhatsAppChat chat;
    McpTestClient mcp;

    @BeforeEach
    void aWhatsAppContactAndAnOperatorClient() {
        bot = Tenants.offlineBot(api, FAQ);
        chat = WhatsAppChat.start(api, bot);
        chat.says("Opening hours?");
        chat.awaitReceived(1);
        mcp = McpTestClient.connect(port, ParleyTestContext.ADMIN_TOKEN);
    }

    @AfterEach
    void close() {
        mcp.close();
    }

    private String contactId() {
        return api.get("/api/v1/chatbots/" + bot.chatbotId() + "/conversations")
                .json()
                .get(0)
                .path("contact")
                .path("id")
                .asString();
    }

    @Test
    void should_send_to_a_contact_through_a_proactive_channel_when_given_a_contact_id() {
        GraphFake.sendsRespondInSequence(bot.phoneNumberId(), GraphFake.sentWithId("wamid.MCP" + UUID.randomUUID()));
        String text = "We found your parcel " + UUID.randomUUID();

        JsonNode queued = mcp.ok("send_message", Map.of("contactId", contactId(), "text", text));

        assertThat(queued.path("conversationId").asString()).isEqualTo(chat.conversationId());
        assertThat(queued.path("status").asString()).isEqualTo("queued");
        assertThat(chat.awaitReceived(2)).last().isEqualTo(text);
    }

    @Test
    void should_answer_not_found_when_the_contact_belongs_to_another_organization() {
        Tenants.WhatsAppBot other = Tenants.offlineBot(api, FAQ);
        String key = api.post(
                        "/api/v1/organizations/" + other.organizationId() + "/api-keys", "{\"name\": \"other tenant\"}")
                .json()
                .path("key")
                .asString();

        try (McpTestClient otherTenant = McpTestClient.connect(port, key)) {
            String error = otherTenant.error("send_message", Map.of("contactId", contactId(), "text", "Leak?"));

            assertThat(error).containsIgnoringCase("not found");
        }
        assertThat(chat.received()).hasSize(1);
    }

    @Test
    void should_refuse_with_channel_not_proactive_when_the_contacts_channel_cannot_write_first() {
        String session = "visitor-" + UUID.randomUUID();
        Api.Response started = api.post(
                "/api/v1/chatbots/" + bot.chatbotId() + "/webchat/messages",
                "{\"sessionId\": \"" + session + "\", \"text\": \"Hi\"}");
        assertThat(started.status()).isEqualTo(202);
        String webContact = api.get("/api/v1/conversations/" + started.text("conversationId"))
                .json()
                .path("contact")
                .path("id")
                .asString();

        String error = mcp.error("send_message", Map.of("contactId", webContact, "text", "Hello from us"));

        assertThat(error).startsWith("channel_not_proactive");
    }

    @Test
    void should_refuse_a_call_that_names_both_a_conversation_and_a_contact_or_neither() {
        assertThat(mcp.error(
                        "send_message",
                        Map.of("conversationId", chat.conversationId(), "contactId", contactId(), "text", "Hi")))
                .contains("exactly one");
        assertThat(mcp.error("send_message", Map.of("text", "Hi"))).contains("exactly one");
    }
}
