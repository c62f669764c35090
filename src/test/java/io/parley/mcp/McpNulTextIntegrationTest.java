package io.parley.mcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.ParleyTestContext;
import io.parley.testing.Tenants;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** MCP tool arguments lose U+0000 like every API body: an agent's message with one is stored without it. */
class McpNulTextIntegrationTest extends IntegrationTestSupport {

    @Test
    void should_store_the_message_without_nul_when_send_message_text_contains_nul_characters() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        Api.Response chat = api.post(
                "/api/v1/chatbots/" + bot.chatbotId() + "/webchat/messages",
                "{\"sessionId\": \"visitor-mcp-nul\", \"text\": \"Hello\"}");
        assertThat(chat.status()).as(chat.body()).isEqualTo(202);

        try (McpTestClient mcp = McpTestClient.connect(port, ParleyTestContext.ADMIN_TOKEN)) {
            JsonNode queued = mcp.ok(
                    "send_message",
                    Map.of("conversationId", chat.text("conversationId"), "text", "A person\u0000 here.\u0000"));

            assertThat(jdbc.sql("select content from messages where id = :id")
                            .param(
                                    "id",
                                    UUID.fromString(queued.path("messageId").asString()))
                            .query(String.class)
                            .single())
                    .isEqualTo("A person here.");
            JsonNode found =
                    mcp.ok("search_messages", Map.of("query", "per\u0000son", "organizationId", bot.organizationId()));
            assertThat(found.path("matches"))
                    .as("a search for the text, NUL and all")
                    .isNotEmpty();
        }
    }
}
