package io.parley.tools.internal;

import io.parley.llm.ToolSpec;
import io.parley.tools.BuiltinResult;
import io.parley.tools.BuiltinTool;
import io.parley.tools.ToolContext;
import io.parley.tools.ToolOutcome;
import io.parley.tools.ToolSource;
import io.parley.tools.ToolSourceClient;
import io.parley.tools.ToolsProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs one tool call: arguments parsed and validated first, then the tool on a virtual thread bounded by the
 * timeout. Never throws: every failure becomes an outcome the model can read.
 */
@Component
public class ToolInvoker {
    private final ArgumentValidator validator;
    private final Map<String, ToolSourceClient> clients;
    private final ToolsProperties properties;
    private final JsonMapper json;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    ToolInvoker(
            ArgumentValidator validator, List<ToolSourceClient> clients, ToolsProperties properties, JsonMapper json) {
        this.validator = validator;
        this.clients = clients.stream().collect(Collectors.toMap(ToolSourceClient::type, Function.identity()));
        this.properties = properties;
        this.json = json;
    }

    /** What to run: a built-in, or a tool of a source. */
    public sealed interface Target permits Builtin, Remote {
        ToolSpec spec();
    }

    public record Builtin(BuiltinTool tool) implements Target {
        @Override
        public ToolSpec spec() {
            return tool.spec();
        }
    }

    public record Remote(ToolSource source, ToolSpec spec) implements Target {}

    public ToolOutcome invoke(Target target, String argumentsJson, ToolContext context) {
        long started = System.nanoTime();
        JsonNode arguments;
        try {
            arguments = json.readTree(argumentsJson);
        } catch (JacksonException e) {
            return ToolOutcome.failed(
                    "The arguments are not valid JSON. Call " + target.spec().name()
                            + " again with a JSON object matching its parameters.",
                    elapsed(started));
        }
        if (!arguments.isObject()) {
            return ToolOutcome.failed("The arguments must be a JSON object.", elapsed(started));
        }
        List<String> problems = validator.problems(target.spec(), arguments);
        if (!problems.isEmpty()) {
            return ToolOutcome.failed(
                    "Invalid arguments for " + target.spec().name() + ": " + String.join("; ", problems),
                    elapsed(started));
        }
        return run(target, arguments, context, started);
    }

    private ToolOutcome run(Target target, JsonNode arguments, ToolContext context, long started) {
        Future<ToolOutcome> future = executor.submit(() -> switch (target) {
            case Builtin builtin -> {
                BuiltinResult result = builtin.tool().run(context, arguments);
                yield ToolOutcome.success(resultJson(result.result()), elapsed(started), result.effect());
            }
            case Remote remote -> {
                ToolSourceClient client = clients.get(remote.source().type());
                if (client == null) {
                    throw new IllegalStateException("No client for tool sources of type "
                            + remote.source().type());
                }
                String result = client.call(remote.source(), remote.spec().name(), arguments.toString(), context);
                yield ToolOutcome.success(resultJson(result), elapsed(started), null);
            }
        });
        Duration timeout = properties.timeout();
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return ToolOutcome.timeout(
                    target.spec().name() + " did not answer within " + timeout.toSeconds()
                            + " s. Tell the user it is unavailable right now, or try again later.",
                    elapsed(started));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String message = cause.getMessage() == null || cause.getMessage().isBlank()
                    ? cause.getClass().getSimpleName()
                    : cause.getMessage();
            return ToolOutcome.failed(target.spec().name() + " failed: " + truncate(message, 1_000), elapsed(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(true);
            return ToolOutcome.failed("Interrupted", elapsed(started));
        }
    }

    /** A result is stored and shown as JSON; plain text from a tool becomes a JSON string. */
    private String resultJson(Object result) {
        String text;
        if (result instanceof String s) {
            try {
                json.readTree(s);
                text = s;
            } catch (JacksonException notJson) {
                text = json.writeValueAsString(s);
            }
        } else {
            text = json.writeValueAsString(result);
        }
        return text.length() <= properties.maxResultLength()
                ? text
                : json.writeValueAsString(
                        Map.of("truncated", true, "text", text.substring(0, properties.maxResultLength())));
    }

    private static long elapsed(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
