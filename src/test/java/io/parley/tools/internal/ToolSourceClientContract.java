package io.parley.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.parley.llm.ToolSpec;
import io.parley.platform.ChatbotId;
import io.parley.platform.OrganizationId;
import io.parley.tools.ToolContext;
import io.parley.tools.ToolOutcome;
import io.parley.tools.ToolSource;
import io.parley.tools.ToolSourceClient;
import io.parley.tools.ToolsProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every {@link ToolSourceClient} does, whatever the source speaks: it lists the source's tools with their
 * parameters, passes a call's arguments and returns the tool's result, stops waiting for a tool at the timeout, and
 * fails with a message naming the source (and no credential) when the source cannot be reached. Run through
 * {@link ToolInvoker} as the agent runs it, a tool's error becomes an error outcome for the model, never an
 * exception. A subclass supplies a fake source offering {@code echo} (answers with its {@code message}),
 * {@code fail} (the tool reports an error) and {@code slow} (answers long after {@link #TIMEOUT}).
 */
abstract class ToolSourceClientContract {
    /** How long a tool may run here (a loaded machine still answers {@code echo} in time); {@code slow} takes longer. */
    protected static final Duration TIMEOUT = Duration.ofSeconds(3);
    /** A credential the source is configured with (a header or a process variable); no error may show it. */
    protected static final String SECRET = "contract-secret-8c2e41f7";

    protected static final ToolsProperties PROPERTIES =
            new ToolsProperties(TIMEOUT, 20_000, Duration.ofSeconds(2), true);
    protected static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ToolContext CONTEXT =
            new ToolContext(new OrganizationId(UUID.randomUUID()), new ChatbotId(UUID.randomUUID()), null, null, 1);
    private static final ToolSpec ECHO = new ToolSpec("echo", "Echoes a message", """
            {"type": "object", "properties": {"message": {"type": "string"}}, "required": ["message"]}""");

    private final List<ToolSource> sources = new ArrayList<>();

    /** The client under test; one instance for the whole test. */
    protected abstract ToolSourceClient client();

    /** A new source of a fake server offering {@code echo}, {@code fail} and {@code slow}, configured with SECRET. */
    protected abstract ToolSource newSource();

    /** A source, configured with SECRET, whose server is not there. */
    protected abstract ToolSource newUnreachableSource();

    @AfterEach
    void releaseSources() {
        sources.forEach(client()::release);
    }

    @Test
    void should_list_the_tools_with_their_parameters_when_discovering() throws Exception {
        List<ToolSpec> tools = client().discover(source());

        assertThat(tools).extracting(ToolSpec::name).containsExactlyInAnyOrder("echo", "fail", "slow");
        ToolSpec echo =
                tools.stream().filter(t -> t.name().equals("echo")).findFirst().orElseThrow();
        assertThat(echo.description()).isEqualTo("Echoes a message");
        assertThat(JSON.readTree(echo.parametersSchema()).path("properties").has("message"))
                .isTrue();
    }

    @Test
    void should_pass_the_arguments_and_return_the_result_when_a_tool_is_called() throws Exception {
        ToolSource source = source();

        String result = client().call(source, "echo", "{\"message\": \"ping-42\"}", CONTEXT);
        ToolOutcome outcome =
                invoker().invoke(new ToolInvoker.Remote(source, ECHO), "{\"message\": \"pong-7\"}", CONTEXT);

        assertThat(result).contains("ping-42");
        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.SUCCESS);
        assertThat(outcome.resultJson()).contains("pong-7");
    }

    @Test
    void should_give_the_model_an_error_outcome_when_the_tool_fails() {
        ToolSource source = source();

        ToolOutcome outcome = invoker().invoke(new ToolInvoker.Remote(source, tool("fail")), "{}", CONTEXT);

        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.FAILED);
        assertThat(outcome.error()).startsWith("fail failed: ").doesNotContain(SECRET);
        assertThat(outcome.forModel()).startsWith("{\"error\":");
    }

    @Test
    void should_stop_waiting_at_the_timeout_when_the_tool_does_not_answer() {
        ToolSource source = source();

        Throwable failure = catchThrowable(() -> client().call(source, "slow", "{}", CONTEXT));

        assertThat(failure)
                .as("the client gives up instead of waiting for the late answer")
                .isNotNull();
        assertThat(failure.getMessage())
                .contains("did not answer within " + TIMEOUT.toSeconds() + " s")
                .doesNotContain(SECRET);
    }

    @Test
    void should_fail_naming_the_source_when_it_cannot_be_reached() {
        ToolSource unreachable = unreachableSource();

        Throwable discovery = catchThrowable(() -> client().discover(unreachable));
        ToolOutcome outcome =
                invoker().invoke(new ToolInvoker.Remote(unreachable, ECHO), "{\"message\": \"hi\"}", CONTEXT);

        assertThat(discovery).isNotNull();
        assertThat(discovery.getMessage()).contains(unreachable.name()).doesNotContain(SECRET);
        assertThat(outcome.status()).isEqualTo(ToolOutcome.Status.FAILED);
        assertThat(outcome.error()).doesNotContain(SECRET);
    }

    /** A tool the fake offers, as the agent would pass it to the invoker. */
    protected static ToolSpec tool(String name) {
        return new ToolSpec(name, name, "{\"type\": \"object\", \"properties\": {}}");
    }

    private ToolSource source() {
        ToolSource source = newSource();
        sources.add(source);
        return source;
    }

    private ToolSource unreachableSource() {
        ToolSource source = newUnreachableSource();
        sources.add(source);
        return source;
    }

    private ToolInvoker invoker() {
        return new ToolInvoker(new ArgumentValidator(), List.of(client()), PROPERTIES, JSON);
    }
}
