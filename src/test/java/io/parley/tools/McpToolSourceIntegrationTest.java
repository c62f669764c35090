package io.parley.tools;

import static io.parley.testing.LlmFake.ok;
import static io.parley.testing.LlmFake.toolCall;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.parley.testing.Api;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.LlmRequests;
import io.parley.testing.RealDependency;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A real MCP server ({@code @modelcontextprotocol/server-everything}, run with npx) over streamable HTTP and over
 * stdio, discovered at registration and called by the model in a conversation. Skipped where npx is missing.
 */
@TestPropertySource(properties = "parley.tools.mcp-stdio-enabled=true")
class McpToolSourceIntegrationTest extends IntegrationTestSupport {
    private static final String PACKAGE = "@modelcontextprotocol/server-everything";
    private static Process httpServer;
    private static int httpPort;

    @BeforeAll
    static void startServer() throws Exception {
        RealDependency.require(npxAvailable(), "npx (Node.js)");
        // The first npx run downloads the package; do it once here rather than inside a registration's timeout.
        Process fetch = new ProcessBuilder("npx", "-y", PACKAGE, "--help")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        RealDependency.require(fetch.waitFor(300, TimeUnit.SECONDS), "npx fetching " + PACKAGE);
        try (ServerSocket socket = new ServerSocket(0)) {
            httpPort = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder("npx", "-y", PACKAGE, "streamableHttp")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PORT", Integer.toString(httpPort));
        httpServer = builder.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> listening(httpPort));
    }

    @AfterAll
    static void stopServer() {
        if (httpServer != null) {
            httpServer.descendants().forEach(ProcessHandle::destroy);
            httpServer.destroy();
        }
    }

    @Test
    void should_discover_and_call_an_mcp_tool_over_streamable_http() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        Api.Response registered =
                api.post("/api/v1/organizations/" + bot.organizationId() + "/tools", """
                {"type": "mcp", "name": "Everything", "transport": "http", "url": "http://127.0.0.1:%d/mcp",
                 "headers": {"X-Api-Key": "mcp-secret-key"}}""".formatted(httpPort));

        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.body()).doesNotContain("mcp-secret-key");
        assertThat(registered.json().path("transport").asString()).isEqualTo("http");
        assertEchoConversation(bot, registered.json());
    }

    @Test
    void should_discover_and_call_an_mcp_tool_over_stdio_and_stop_the_process_when_deleted() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        Api.Response registered =
                api.post("/api/v1/organizations/" + bot.organizationId() + "/tools", """
                {"type": "mcp", "name": "Everything (stdio)", "transport": "stdio", "command": ["npx", "-y", "%s"]}""".formatted(PACKAGE));

        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.json().path("command").get(0).asString()).isEqualTo("npx");
        assertThat(stdioServers()).isPositive();
        assertEchoConversation(bot, registered.json());

        long before = stdioServers();
        assertThat(api.delete("/api/v1/organizations/" + bot.organizationId() + "/tools/"
                                + registered.json().path("id").asString())
                        .status())
                .isEqualTo(204);
        await().atMost(Duration.ofSeconds(20)).until(() -> stdioServers() < before);
    }

    @Test
    void should_refuse_an_mcp_server_that_cannot_be_reached() {
        String org = Tenants.organization(api, "Org MCP");
        Api.Response refused = api.post(
                "/api/v1/organizations/" + org + "/tools",
                "{\"type\": \"mcp\", \"name\": \"Gone\", \"url\": \"http://127.0.0.1:1/mcp\"}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().path("code").asString()).isEqualTo("tool_source_unreachable");
        assertThat(api.get("/api/v1/organizations/" + org + "/tools").json()).isEmpty();
    }

    private void assertEchoConversation(Tenants.WhatsAppBot bot, JsonNode source) {
        JsonNode echo = source.path("tools")
                .valueStream()
                .filter(t -> t.path("name").asString().equals("echo"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no echo tool in " + source));
        assertThat(echo.path("parameters").path("properties").has("message"))
                .as(echo.toString())
                .isTrue();
        assertThat(source.path("tools").valueStream().map(t -> t.path("name").asString()))
                .contains("echo", "get-env");
        Api.Response enabled = api.put(
                "/api/v1/chatbots/" + bot.chatbotId() + "/tools",
                "{\"sources\": [\"" + source.path("id").asString() + "\"]}");
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
        bot.llm()
                .repliesInSequence(
                        toolCall("call_1", "echo", "{\"message\": \"ping-42\"}"), ok("The echo said ping-42."));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("Echo ping-42 please");

        assertThat(chat.awaitReceived(1)).containsExactly("The echo said ping-42.");
        List<LlmRequests.Line> lines = LlmRequests.messages(bot.llm().requests().getLast());
        assertThat(lines.stream()
                        .filter(l -> l.role().equals("tool"))
                        .findFirst()
                        .orElseThrow()
                        .text())
                .contains("Echo: ping-42");
        JsonNode execution = api.get("/api/v1/conversations/" + chat.conversationId() + "/tool-executions")
                .json()
                .get(0);
        assertThat(execution.path("tool").asString()).isEqualTo("echo");
        assertThat(execution.path("status").asString()).as(execution.toString()).isEqualTo("success");
        assertThat(execution.path("result").asString()).isEqualTo("Echo: ping-42");
    }

    /** stdio MCP servers this JVM started (npx and the node process it runs). */
    private static long stdioServers() {
        return ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("server-everything"))
                .filter(p -> !p.info().commandLine().orElse("").contains("streamableHttp"))
                .filter(p -> httpServer == null || httpServer.descendants().noneMatch(d -> d.pid() == p.pid()))
                .count();
    }

    private static boolean npxAvailable() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (new File(dir, "npx").canExecute()) {
                return true;
            }
        }
        return false;
    }

    private static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
