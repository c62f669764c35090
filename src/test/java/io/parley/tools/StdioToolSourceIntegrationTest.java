package io.parley.tools;

import static io.parley.testing.LlmFake.ok;
import static io.parley.testing.LlmFake.toolCall;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.ApiProblems;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.PythonMcpServers;
import io.parley.testing.Tenants;
import io.parley.testing.WhatsAppChat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * stdio MCP sources with stdio enabled: only the operator registers, refreshes or deletes them, and their process
 * starts with PATH, HOME, LANG and the source's own variables, nothing else of Parley's environment. The server is a
 * small Python MCP server ({@code mcp/environment-server.py}) whose one tool answers with its environment.
 */
@TestPropertySource(properties = "parley.tools.mcp-stdio-enabled=true")
class StdioToolSourceIntegrationTest extends IntegrationTestSupport {
    /** What the child may see: the inherited three, the source's variable, and Python's own locale coercion. */
    private static final Set<String> ALLOWED = Set.of("PATH", "HOME", "LANG", "MCP_TOKEN", "LC_CTYPE");

    @Test
    void should_answer_403_for_operator_only_when_an_organization_member_registers_a_stdio_source() throws Exception {
        String org = Tenants.organization(api, "Org " + UUID.randomUUID());
        OrganizationCallers callers = OrganizationCallers.of(api, org);
        Path marker = Files.createTempDirectory("parley-stdio").resolve("started");
        String stdio = """
                {"type": "mcp", "name": "local", "transport": "stdio", "command": ["sh", "-c", "touch %s"]}""".formatted(marker);
        String implied =
                "{\"type\": \"mcp\", \"name\": \"implied\", \"command\": [\"sh\", \"-c\", \"touch " + marker + "\"]}";

        callers.all().forEach((caller, token) -> {
            for (String body : new String[] {stdio, implied}) {
                JsonNode problem =
                        ApiProblems.assertProblem(api.withToken(token).post(tools(org), body), 403, "forbidden");
                assertThat(problem.path("requiredRole").asString()).as(caller).isEqualTo("operator");
            }
        });
        JsonNode http = ApiProblems.assertProblem(
                api.withToken(callers.agentKey())
                        .post(tools(org), "{\"type\": \"http\", \"name\": \"web\", \"url\": \"http://127.0.0.1:9/\"}"),
                403,
                "forbidden");
        assertThat(http.path("requiredRole").asString())
                .as("an agent and any other source")
                .isEqualTo("admin");

        assertThat(marker).as("no command ran").doesNotExist();
        assertThat(api.get(tools(org)).json()).isEmpty();
    }

    @Test
    void should_let_only_the_operator_refresh_or_delete_a_stdio_source_while_admins_see_and_enable_it() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        OrganizationCallers callers = OrganizationCallers.of(api, bot.organizationId());
        String id = registerEnvironmentServer(bot.organizationId(), "tok-" + UUID.randomUUID())
                .text("id");
        String source = tools(bot.organizationId()) + "/" + id;

        callers.managers().forEach((caller, token) -> {
            Api.Response listed = api.withToken(token).get(tools(bot.organizationId()));
            assertThat(listed.status()).as(caller).isEqualTo(200);
            assertThat(listed.json().findValuesAsString("id")).as(caller).contains(id);
            assertThat(api.withToken(token)
                            .put("/api/v1/chatbots/" + bot.chatbotId() + "/tools", "{\"sources\": [\"" + id + "\"]}")
                            .status())
                    .as(caller)
                    .isEqualTo(200);
        });
        callers.all().forEach((caller, token) -> {
            for (Api.Response refused : new Api.Response[] {
                api.withToken(token).post(source + "/refresh", ""),
                api.withToken(token).delete(source)
            }) {
                assertThat(ApiProblems.assertProblem(refused, 403, "forbidden")
                                .path("requiredRole")
                                .asString())
                        .as(caller)
                        .isEqualTo("operator");
            }
        });

        assertThat(api.post(source + "/refresh", "").status()).isEqualTo(200);
        assertThat(api.delete(source).status()).isEqualTo(204);
    }

    @Test
    void should_start_the_process_with_only_path_home_lang_and_the_variables_listed_on_the_source() {
        Tenants.WhatsAppBot bot = Tenants.openAiBot(api);
        String token = "tok-" + UUID.randomUUID();
        Api.Response registered = registerEnvironmentServer(bot.organizationId(), token);
        assertThat(registered.json().path("env").valueStream().map(JsonNode::asString))
                .containsExactly("MCP_TOKEN");
        assertThat(registered.body()).doesNotContain(token);
        assertThat(api.get(tools(bot.organizationId()) + "/" + registered.text("id"))
                        .body())
                .doesNotContain(token);
        byte[] stored = jdbc.sql("select credentials from tool_sources where id = :id")
                .param("id", UUID.fromString(registered.text("id")))
                .query(byte[].class)
                .single();
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(token);
        assertThat(api.put(
                                "/api/v1/chatbots/" + bot.chatbotId() + "/tools",
                                "{\"sources\": [\"" + registered.text("id") + "\"]}")
                        .status())
                .isEqualTo(200);
        bot.llm().repliesInSequence(toolCall("call_env", "environment", "{}"), ok("Checked."));
        WhatsAppChat chat = WhatsAppChat.start(api, bot);

        chat.says("What is your environment?");

        assertThat(chat.awaitReceived(1)).containsExactly("Checked.");
        JsonNode execution = api.get("/api/v1/conversations/" + chat.conversationId() + "/tool-executions")
                .json()
                .get(0);
        assertThat(execution.path("status").asString()).as(execution.toString()).isEqualTo("success");
        Map<String, String> environment = execution.path("result").properties().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().asString()));
        assertThat(environment).containsEntry("MCP_TOKEN", token).containsEntry("PATH", System.getenv("PATH"));
        assertThat(environment.keySet()).isSubsetOf(ALLOWED);
        Set<String> parleyOnly = System.getenv().keySet().stream()
                .filter(name -> !ALLOWED.contains(name))
                .collect(Collectors.toSet());
        assertThat(parleyOnly).as("the test JVM has variables of its own").isNotEmpty();
        assertThat(environment.keySet()).doesNotContainAnyElementsOf(parleyOnly);
    }

    @Test
    void should_answer_400_naming_env_when_a_variable_name_is_unusable_or_the_source_is_not_stdio() {
        String org = Tenants.organization(api, "Org " + UUID.randomUUID());

        ApiProblems.assertInvalidField(api.post(tools(org), """
                {"type": "mcp", "name": "x", "transport": "stdio", "command": ["true"], "env": {"1BAD": "v"}}"""), "env");
        ApiProblems.assertInvalidField(api.post(tools(org), """
                {"type": "mcp", "name": "x", "transport": "stdio", "command": ["true"], "env": {"A=B": "v"}}"""), "env");
        ApiProblems.assertInvalidField(api.post(tools(org), """
                {"type": "mcp", "name": "x", "url": "https://mcp.example/mcp", "env": {"TOKEN": "v"}}"""), "env");
        assertThat(api.get(tools(org)).json()).isEmpty();
    }

    private Api.Response registerEnvironmentServer(String organizationId, String token) {
        Api.Response registered = api.post(tools(organizationId), """
                {"type": "mcp", "name": "Environment %s", "transport": "stdio", "command": ["%s", "%s"],
                 "env": {"MCP_TOKEN": "%s"}}""".formatted(
                UUID.randomUUID(), PythonMcpServers.python(), PythonMcpServers.script("environment-server.py"), token));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        return registered;
    }

    private static String tools(String organizationId) {
        return "/api/v1/organizations/" + organizationId + "/tools";
    }
}
