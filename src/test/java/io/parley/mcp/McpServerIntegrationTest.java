package io.parley.mcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.ParleyTestContext;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** An MCP client (the official SDK's) working a real WhatsApp conversation through {@code /mcp}. */
class McpServerIntegrationTest extends IntegrationTestSupport {
    private static final String FAQ = "[{\"question\": \"Opening hours?\", \"answer\": \"We open at 9.\"}]";

    Tenants.WhatsAppBot bot;
    WhatsAppChat chat;
    String conversationId;
    String marker;
    McpTestClient mcp;

    @BeforeEach
    void aWhatsAppConversationAndAnOperatorClient() {
        bot = Tenants.offlineBot(api, FAQ);
        chat = WhatsAppChat.start(api, bot);
        marker = "parcel-" + UUID.randomUUID().toString().substring(0, 8);
        chat.says("Where is my " + marker + "?");
        conversationId = chat.conversationId();
        mcp = McpTestClient.connect(port, ParleyTestContext.ADMIN_TOKEN);
    }

    @AfterEach
    void close() {
        mcp.close();
    }

    @Test
    void should_list_the_five_tools_with_input_schemas_when_a_client_connects() {
        List<Tool> tools = mcp.sdk().listTools().tools();

        assertThat(tools)
                .extracting(Tool::name)
                .containsExactlyInAnyOrder(
                        "list_conversations", "get_messages", "search_messages", "send_message", "handover");
        Tool send = tools.stream()
                .filter(t -> t.name().equals("send_message"))
                .findFirst()
                .orElseThrow();
        assertThat(send.inputSchema()).containsEntry("type", "object").containsEntry("required", List.of("text"));
        assertThat(send.inputSchema().get("properties"))
                .asInstanceOf(InstanceOfAssertFactories.MAP)
                .containsOnlyKeys("conversationId", "contactId", "chatbotId", "channelId", "text");
        assertThat(tools).allSatisfy(t -> assertThat(t.description()).isNotBlank());
        assertThat(mcp.sdk().getServerInfo().name()).isEqualTo("parley");
    }

    @Test
    void should_list_the_conversation_with_its_contact_when_the_operator_names_the_organization() {
        JsonNode listed = mcp.ok("list_conversations", Map.of("organizationId", bot.organizationId()));

        JsonNode conversation = only(listed.path("conversations"));
        assertThat(conversation.path("id").asString()).isEqualTo(conversationId);
        assertThat(conversation.path("chatbotId").asString()).isEqualTo(bot.chatbotId());
        assertThat(conversation.path("contact").path("name").asString()).isEqualTo("Ana");
        assertThat(conversation.path("contact").path("phone").asString()).isEqualTo(chat.waId());
        assertThat(conversation.path("owner").asString()).isEqualTo("bot");
        assertThat(conversation.path("lastMessageAt").asString()).isNotBlank();
        JsonNode byChatbot = mcp.ok("list_conversations", Map.of("chatbotId", bot.chatbotId(), "limit", 5));
        assertThat(only(byChatbot.path("conversations")).path("id").asString()).isEqualTo(conversationId);
    }

    @Test
    void should_return_the_messages_oldest_first_with_delivery_status_when_asked_for_a_conversation() {
        chat.awaitReceived(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode messages = mcp.ok("get_messages", Map.of("conversationId", conversationId))
                    .path("messages");
            assertThat(messages.size()).isEqualTo(2);
            assertThat(messages.get(0).path("role").asString()).isEqualTo("user");
            assertThat(messages.get(0).path("content").asString()).isEqualTo("Where is my " + marker + "?");
            assertThat(messages.get(0).path("createdAt").asString()).isNotBlank();
            assertThat(messages.get(1).path("role").asString()).isEqualTo("assistant");
            assertThat(messages.get(1).path("deliveryStatus").asString()).isEqualTo("sent");
        });
    }

    @Test
    void should_find_a_message_with_its_conversation_when_searching_its_text() {
        JsonNode found = mcp.ok("search_messages", Map.of("query", marker, "organizationId", bot.organizationId()));

        JsonNode match = only(found.path("matches"));
        assertThat(match.path("conversationId").asString()).isEqualTo(conversationId);
        assertThat(match.path("message").path("content").asString()).contains(marker);
        assertThat(mcp.ok(
                                "search_messages",
                                Map.of("query", "no-such-" + UUID.randomUUID(), "organizationId", bot.organizationId()))
                        .path("matches"))
                .isEmpty();
    }

    @Test
    void should_deliver_an_agent_message_to_whatsapp_when_send_message_is_called() {
        chat.awaitReceived(1);
        // Meta answers every send with a wamid of its own; the default fake repeats one, so give this send its own.
        GraphFake.sendsRespondInSequence(bot.phoneNumberId(), GraphFake.sentWithId("wamid.MCP" + UUID.randomUUID()));
        String text = "A person here: your " + marker + " ships today.";

        JsonNode queued = mcp.ok("send_message", Map.of("conversationId", conversationId, "text", text));

        assertThat(queued.path("messageId").asString()).isNotBlank();
        assertThat(chat.awaitReceived(2)).last().isEqualTo(text);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode messages = mcp.ok("get_messages", Map.of("conversationId", conversationId))
                    .path("messages");
            JsonNode last = messages.get(messages.size() - 1);
            assertThat(last.path("id").asString())
                    .isEqualTo(queued.path("messageId").asString());
            assertThat(last.path("role").asString()).isEqualTo("agent");
            assertThat(last.path("deliveryStatus").asString()).isEqualTo("sent");
        });
    }

    @Test
    void should_change_the_owner_when_handover_is_called() {
        JsonNode toHuman = mcp.ok("handover", Map.of("conversationId", conversationId, "to", "human"));

        assertThat(toHuman.path("owner").asString()).isEqualTo("human");
        assertThat(api.get("/api/v1/conversations/" + conversationId).text("owner"))
                .isEqualTo("human");
        mcp.ok("handover", Map.of("conversationId", conversationId, "to", "bot"));
        assertThat(api.get("/api/v1/conversations/" + conversationId).text("owner"))
                .isEqualTo("bot");
    }

    @Test
    void should_audit_send_message_and_handover_like_api_changes_with_the_calling_key() {
        chat.awaitReceived(1);
        GraphFake.sendsRespondInSequence(bot.phoneNumberId(), GraphFake.sentWithId("wamid.MCP" + UUID.randomUUID()));
        JsonNode key = api.post(
                        "/api/v1/organizations/" + bot.organizationId() + "/api-keys", "{\"name\": \"mcp client\"}")
                .json();
        try (McpTestClient withKey = McpTestClient.connect(port, key.path("key").asString())) {
            withKey.ok("handover", Map.of("conversationId", conversationId, "to", "human"));
            withKey.ok("send_message", Map.of("conversationId", conversationId, "text", "A person here."));
            withKey.error("handover", Map.of("conversationId", conversationId, "to", "nobody"));
        }
        mcp.ok("handover", Map.of("conversationId", conversationId, "to", "bot"));

        List<JsonNode> rows = StreamSupport.stream(
                        api.get("/api/v1/organizations/" + bot.organizationId() + "/audit-log")
                                .json()
                                .spliterator(),
                        false)
                .filter(row -> row.path("route").asString().equals("/mcp"))
                .toList();
        assertThat(rows)
                .extracting(row -> row.path("action").asString())
                .as("newest first; the failed call is not audited")
                .containsExactly("handover", "send_message", "handover");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.path("organizationId").asString()).isEqualTo(bot.organizationId());
            assertThat(row.path("pathVariables").path("conversationId").asString())
                    .isEqualTo(conversationId);
            assertThat(row.path("status").asInt()).isEqualTo(200);
        });
        assertThat(rows.get(0).path("actorType").asString()).isEqualTo("operator");
        assertThat(rows.subList(1, 3)).allSatisfy(row -> {
            assertThat(row.path("actorType").asString()).isEqualTo("api_key");
            assertThat(row.path("actorId").asString()).isEqualTo(key.path("id").asString());
        });
    }

    @Test
    void should_answer_a_tool_error_when_arguments_are_missing_or_wrong() {
        assertThat(mcp.error("list_conversations", Map.of()))
                .contains("organizationId")
                .contains("required");
        assertThat(mcp.error(
                        "get_messages",
                        Map.of("conversationId", UUID.randomUUID().toString())))
                .contains("not found");
        assertThat(mcp.error("get_messages", Map.of("conversationId", "not-a-uuid")))
                .contains("not found");
        assertThat(mcp.error("handover", Map.of("conversationId", conversationId, "to", "nobody")))
                .contains("to");
        assertThat(mcp.error("send_message", Map.of("conversationId", conversationId, "text", " ")))
                .contains("text");
        assertThat(mcp.error("get_messages", Map.of("conversationId", conversationId, "limit", 1000)))
                .contains("limit");
        assertThat(api.get("/api/v1/conversations/" + conversationId).text("owner"))
                .isEqualTo("bot");
    }

    private static JsonNode only(JsonNode array) {
        List<JsonNode> items = StreamSupport.stream(array.spliterator(), false).toList();
        assertThat(items).hasSize(1);
        return items.getFirst();
    }
}
