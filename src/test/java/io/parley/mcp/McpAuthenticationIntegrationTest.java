package io.parley.mcp;

import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.ParleyTestContext;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may use {@code /mcp}: the operator token, or an organization API key that sees only its organization. */
class McpAuthenticationIntegrationTest extends IntegrationTestSupport {
    private static final String FAQ = "[{\"question\": \"Opening hours?\", \"answer\": \"We open at 9.\"}]";
    private static final String INITIALIZE = """
            {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18",
             "capabilities": {}, "clientInfo": {"name": "curl", "version": "1"}}}""";

    Tenants.WhatsAppBot a;
    Tenants.WhatsAppBot b;
    String conversationOfA;
    String conversationOfB;
    String markerOfB;

    @BeforeEach
    void twoOrganizationsWithAConversationEach() {
        a = Tenants.offlineBot(api, FAQ);
        b = Tenants.offlineBot(api, FAQ);
        WhatsAppChat chatA = WhatsAppChat.start(api, a);
        chatA.says("Hello from A");
        conversationOfA = chatA.conversationId();
        WhatsAppChat chatB = WhatsAppChat.start(api, b);
        markerOfB = "secret-of-b-" + UUID.randomUUID();
        chatB.says("My order is " + markerOfB);
        conversationOfB = chatB.conversationId();
    }

    @Test
    void should_answer_401_with_a_problem_when_the_bearer_token_is_missing() {
        Api.Response response = initialize();

        assertUnauthorized(response, "Missing bearer token");
    }

    @Test
    void should_answer_401_with_a_problem_when_the_bearer_token_is_wrong() {
        assertUnauthorized(initialize("Authorization", "Bearer pk_" + "x".repeat(40)), "Invalid bearer token");
        assertUnauthorized(initialize("Authorization", "Bearer not-the-admin-token"), "Invalid bearer token");
        assertThatThrownBy(() -> McpTestClient.connect(port, "wrong")).isInstanceOf(RuntimeException.class);
    }

    @Test
    void should_accept_the_admin_token_when_initializing_over_plain_http() {
        Api.Response response = initialize("Authorization", "Bearer " + ParleyTestContext.ADMIN_TOKEN);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"serverInfo\"").contains("parley");
    }

    @Test
    void should_show_only_its_own_organization_when_an_organization_api_key_is_used() {
        String key = createKey(a.organizationId());
        try (McpTestClient mcp = McpTestClient.connect(port, key)) {
            assertThat(mcp.ok("list_conversations", Map.of())
                            .path("conversations")
                            .findValuesAsString("id"))
                    .containsExactly(conversationOfA);
            assertThat(mcp.ok("get_messages", Map.of("conversationId", conversationOfA))
                            .toString())
                    .contains("Hello from A");

            assertThat(mcp.error("get_messages", Map.of("conversationId", conversationOfB)))
                    .isEqualTo("Conversation '" + conversationOfB + "' not found")
                    .doesNotContain(markerOfB);
            assertThat(mcp.error("list_conversations", Map.of("organizationId", b.organizationId())))
                    .contains("not found");
            assertThat(mcp.error("list_conversations", Map.of("chatbotId", b.chatbotId())))
                    .contains("not found");
            assertThat(mcp.ok("search_messages", Map.of("query", markerOfB)).path("matches"))
                    .isEmpty();
            assertThat(mcp.error("send_message", Map.of("conversationId", conversationOfB, "text", "hi")))
                    .contains("not found");
            assertThat(mcp.error("handover", Map.of("conversationId", conversationOfB, "to", "human")))
                    .contains("not found");
        }
        assertThat(api.get("/api/v1/conversations/" + conversationOfB).text("owner"))
                .isEqualTo("bot");
        assertThat(GraphFake.sends(b.phoneNumberId()).stream().map(r -> r.getBodyAsString()))
                .noneMatch(body -> body.contains("\"hi\""));
    }

    @Test
    void should_answer_401_when_the_api_key_was_revoked() {
        String orgApiKeys = "/api/v1/organizations/" + a.organizationId() + "/api-keys";
        Api.Response created = api.post(orgApiKeys, "{\"name\": \"claude\"}");
        String key = created.text("key");
        try (McpTestClient mcp = McpTestClient.connect(port, key)) {
            assertThat(mcp.ok("list_conversations", Map.of()).path("conversations"))
                    .hasSize(1);
        }

        assertThat(api.delete(orgApiKeys + "/" + created.text("id")).status()).isEqualTo(204);

        assertUnauthorized(initialize("Authorization", "Bearer " + key), "Invalid bearer token");
        assertThatThrownBy(() -> McpTestClient.connect(port, key)).isInstanceOf(RuntimeException.class);
    }

    @Test
    void should_count_a_message_sent_with_an_organization_key_against_that_key() {
        Api.Response created = api.post(
                "/api/v1/organizations/" + a.organizationId() + "/api-keys",
                "{\"name\": \"crm\", \"role\": \"agent\"}");
        GraphFake.sendsRespondInSequence(a.phoneNumberId(), GraphFake.sentWithId("wamid.KEY" + UUID.randomUUID()));
        try (McpTestClient mcp = McpTestClient.connect(port, created.text("key"))) {
            mcp.ok("send_message", Map.of("conversationId", conversationOfA, "text", "Sent by the CRM"));
        }

        Api.Response usage = api.get("/api/v1/organizations/" + a.organizationId() + "/usage?groupBy=apiKey");
        assertThat(usage.json().path("groups"))
                .filteredOn(g -> g.path("key").asString().equals(created.text("id")))
                .singleElement()
                .satisfies(g -> assertThat(g.path("messages").asLong()).isEqualTo(1));
    }

    private String createKey(String organizationId) {
        Api.Response created =
                api.post("/api/v1/organizations/" + organizationId + "/api-keys", "{\"name\": \"test\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.text("key");
    }

    private Api.Response initialize(String... headers) {
        String[] all = new String[headers.length + 4];
        all[0] = "Content-Type";
        all[1] = "application/json";
        all[2] = "Accept";
        all[3] = "application/json, text/event-stream";
        System.arraycopy(headers, 0, all, 4, headers.length);
        return api.postRaw("/mcp", INITIALIZE.getBytes(StandardCharsets.UTF_8), all);
    }

    private static void assertUnauthorized(Api.Response response, String detail) {
        assertProblem(response, 401, "unauthorized");
        assertThat(response.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(response.json().path("detail").asString()).isEqualTo(detail);
    }
}
