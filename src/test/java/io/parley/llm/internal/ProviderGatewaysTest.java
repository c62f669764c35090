package io.parley.llm.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.parley.llm.ChatMessage;
import io.parley.llm.ModelException;
import io.parley.llm.ModelException.Kind;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelRequest;
import io.parley.llm.ModelSpec;
import io.parley.llm.ToolCall;
import io.parley.llm.ToolSpec;
import io.parley.platform.Secret;
import io.parley.testing.LoopbackEgress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Gemini, Anthropic and Ollama on the wire (WireMock speaking each API's JSON): replies, token usage, tool calls in
 * both directions, and the error mapping of each family over status codes. OpenAI has its own test.
 */
class ProviderGatewaysTest {
    private static final String KEY = "provider-key-5d1c9e";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ToolSpec LOOKUP = new ToolSpec("lookup_order", "Finds an order by its id", """
            {"type": "object", "properties": {"orderId": {"type": "string", "description": "Order number"}},
             "required": ["orderId"]}""");

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    @AfterEach
    void reset() {
        server.resetAll();
    }

    /** One provider's wire format. */
    enum Wire {
        GEMINI(new GeminiModelGateway(LoopbackEgress.http()), "/v1beta", "/v1beta/models/m-1:generateContent") {
            @Override
            String text(String text, int in, int out) {
                return """
                        {"candidates": [{"content": {"role": "model", "parts": [{"text": "%s"}]},
                          "finishReason": "STOP", "index": 0}],
                         "usageMetadata": {"promptTokenCount": %d, "candidatesTokenCount": %d, "totalTokenCount": %d}}
                        """.formatted(text, in, out, in + out);
            }

            @Override
            String toolCall() {
                return """
                        {"candidates": [{"content": {"role": "model",
                           "parts": [{"functionCall": {"name": "lookup_order", "args": {"orderId": "A1"}}}]},
                          "finishReason": "STOP", "index": 0}],
                         "usageMetadata": {"promptTokenCount": 20, "candidatesTokenCount": 4, "totalTokenCount": 24}}
                        """;
            }
        },
        ANTHROPIC(new AnthropicModelGateway(LoopbackEgress.http()), "/v1", "/v1/messages") {
            @Override
            String text(String text, int in, int out) {
                return """
                        {"id": "msg_01", "type": "message", "role": "assistant", "model": "m-1",
                         "content": [{"type": "text", "text": "%s"}], "stop_reason": "end_turn",
                         "stop_sequence": null, "usage": {"input_tokens": %d, "output_tokens": %d}}
                        """.formatted(text, in, out);
            }

            @Override
            String toolCall() {
                return """
                        {"id": "msg_02", "type": "message", "role": "assistant", "model": "m-1",
                         "content": [{"type": "tool_use", "id": "toolu_01", "name": "lookup_order",
                                      "input": {"orderId": "A1"}}],
                         "stop_reason": "tool_use", "usage": {"input_tokens": 20, "output_tokens": 4}}
                        """;
            }
        },
        OLLAMA(new OllamaModelGateway(LoopbackEgress.http()), "", "/api/chat") {
            @Override
            String text(String text, int in, int out) {
                return """
                        {"model": "m-1", "created_at": "2026-11-21T10:00:00Z",
                         "message": {"role": "assistant", "content": "%s"}, "done_reason": "stop", "done": true,
                         "prompt_eval_count": %d, "eval_count": %d}
                        """.formatted(text, in, out);
            }

            @Override
            String toolCall() {
                return """
                        {"model": "m-1", "created_at": "2026-11-21T10:00:00Z",
                         "message": {"role": "assistant", "content": "",
                           "tool_calls": [{"function": {"name": "lookup_order", "arguments": {"orderId": "A1"}}}]},
                         "done_reason": "stop", "done": true, "prompt_eval_count": 20, "eval_count": 4}
                        """;
            }
        };

        final LangChainGateway gateway;
        final String basePath;
        final String path;

        Wire(LangChainGateway gateway, String basePath, String path) {
            this.gateway = gateway;
            this.basePath = basePath;
            this.path = path;
        }

        abstract String text(String text, int in, int out);

        abstract String toolCall();

        ModelSpec spec(String name) {
            return new ModelSpec(gateway.provider(), name, server.baseUrl() + basePath, Secret.of(KEY), 0.0,
                    Duration.ofSeconds(5), 256);
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void should_return_the_reply_and_its_token_usage_when_the_provider_answers(Wire wire) {
        server.stubFor(post(wire.path).willReturn(okJson(wire.text("We open at 9.", 42, 7))));

        ModelReply reply = wire.gateway.chat(new ModelRequest(wire.spec("m-1"),
                List.of(ChatMessage.system("You are Parley."), ChatMessage.user("When do you open?")), List.of()));

        assertThat(reply.text()).isEqualTo("We open at 9.");
        assertThat(reply.answered()).isTrue();
        assertThat(reply.wantsTools()).isFalse();
        assertThat(reply.inputTokens()).isEqualTo(42);
        assertThat(reply.outputTokens()).isEqualTo(7);
        assertThat(reply.provider()).isEqualTo(wire.gateway.provider());
        String body = server.getAllServeEvents().getFirst().getRequest().getBodyAsString();
        assertThat(body).contains("You are Parley.").contains("When do you open?");
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void should_offer_tools_and_return_the_call_when_the_model_asks_for_one(Wire wire) {
        server.stubFor(post(wire.path).willReturn(okJson(wire.toolCall())));

        ModelReply reply = wire.gateway.chat(new ModelRequest(wire.spec("m-1"),
                List.of(ChatMessage.user("Where is A1?")), List.of(), List.of(LOOKUP)));

        assertThat(reply.wantsTools()).isTrue();
        ToolCall call = reply.toolCalls().getFirst();
        assertThat(call.name()).isEqualTo("lookup_order");
        assertThat(call.argumentsJson()).contains("\"orderId\"").contains("\"A1\"");
        assertThat(call.id()).isNotBlank();
        String body = server.getAllServeEvents().getFirst().getRequest().getBodyAsString();
        assertThat(body).contains("lookup_order").contains("Finds an order by its id").contains("orderId")
                .contains("Order number");
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void should_send_the_tool_result_back_when_the_loop_continues(Wire wire) {
        server.stubFor(post(wire.path).willReturn(okJson(wire.text("A1 has shipped.", 30, 5))));
        ToolCall call = new ToolCall("call_1", "lookup_order", "{\"orderId\":\"A1\"}");

        ModelReply reply = wire.gateway.chat(new ModelRequest(wire.spec("m-1"), List.of(
                ChatMessage.user("Where is A1?"),
                ChatMessage.assistantCalling("", List.of(call)),
                ChatMessage.toolResult(call, "{\"status\":\"shipped-on-monday\"}")), List.of(), List.of(LOOKUP)));

        assertThat(reply.text()).isEqualTo("A1 has shipped.");
        String body = server.getAllServeEvents().getFirst().getRequest().getBodyAsString();
        assertThat(body).contains("shipped-on-monday").contains("lookup_order");
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void should_send_temperature_zero_and_the_output_cap_when_they_are_configured(Wire wire) {
        server.stubFor(post(wire.path).willReturn(okJson(wire.text("ok", 1, 1))));

        wire.gateway.chat(new ModelRequest(wire.spec("m-1"), List.of(ChatMessage.user("Hi")), List.of()));

        JsonNode body = JSON.readTree(server.getAllServeEvents().getFirst().getRequest().getBodyAsString());
        JsonNode temperature = body.findValue("temperature");
        assertThat(temperature).as("temperature 0.0 is a value, not 'unset'").isNotNull();
        assertThat(temperature.isNumber()).isTrue();
        assertThat(temperature.asDouble()).isZero();
        assertThat(body.toString()).contains("256");
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(Wire.GEMINI, 400, """
                        {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.",
                         "status": "INVALID_ARGUMENT", "details": [{"reason": "API_KEY_INVALID"}]}}""",
                        Kind.AUTHENTICATION),
                Arguments.of(Wire.GEMINI, 400, """
                        {"error": {"code": 400, "message": "Invalid JSON payload", "status": "INVALID_ARGUMENT"}}""",
                        Kind.INVALID_REQUEST),
                Arguments.of(Wire.GEMINI, 403, """
                        {"error": {"code": 403, "message": "denied", "status": "PERMISSION_DENIED"}}""",
                        Kind.AUTHENTICATION),
                Arguments.of(Wire.GEMINI, 429, """
                        {"error": {"code": 429, "message": "Resource exhausted", "status": "RESOURCE_EXHAUSTED"}}""",
                        Kind.RATE_LIMITED),
                Arguments.of(Wire.GEMINI, 503, """
                        {"error": {"code": 503, "message": "The model is overloaded", "status": "UNAVAILABLE"}}""",
                        Kind.UNAVAILABLE),
                Arguments.of(Wire.GEMINI, 504, """
                        {"error": {"code": 504, "message": "Deadline exceeded", "status": "DEADLINE_EXCEEDED"}}""",
                        Kind.TIMEOUT),
                Arguments.of(Wire.ANTHROPIC, 401, anthropic("authentication_error", "invalid x-api-key"),
                        Kind.AUTHENTICATION),
                Arguments.of(Wire.ANTHROPIC, 400, anthropic("invalid_request_error",
                        "Your credit balance is too low to access the Anthropic API."), Kind.QUOTA_EXHAUSTED),
                Arguments.of(Wire.ANTHROPIC, 400, anthropic("invalid_request_error", "max_tokens: field required"),
                        Kind.INVALID_REQUEST),
                Arguments.of(Wire.ANTHROPIC, 429, anthropic("rate_limit_error", "Number of requests exceeded"),
                        Kind.RATE_LIMITED),
                Arguments.of(Wire.ANTHROPIC, 500, anthropic("api_error", "Internal server error"), Kind.UNAVAILABLE),
                Arguments.of(Wire.ANTHROPIC, 529, anthropic("overloaded_error", "Overloaded"), Kind.UNAVAILABLE),
                Arguments.of(Wire.OLLAMA, 404, "{\"error\": \"model \\\"m-1\\\" not found, try pulling it first\"}",
                        Kind.INVALID_REQUEST),
                Arguments.of(Wire.OLLAMA, 400, "{\"error\": \"invalid options\"}", Kind.INVALID_REQUEST),
                Arguments.of(Wire.OLLAMA, 500, "{\"error\": \"llama runner process has terminated\"}",
                        Kind.UNAVAILABLE),
                Arguments.of(Wire.OLLAMA, 503, "{\"error\": \"server busy, please try again\"}", Kind.UNAVAILABLE));
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @MethodSource("errors")
    void should_classify_the_failure_and_not_retry_when_the_provider_answers_with_an_error(Wire wire, int status,
                                                                                         String body, Kind kind) {
        server.stubFor(post(wire.path).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody(body)));

        ModelException e = catchThrowableOfType(ModelException.class, () -> wire.gateway.chat(
                new ModelRequest(wire.spec("m-1"), List.of(ChatMessage.user("Hi")), List.of())));

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.provider()).isEqualTo(wire.gateway.provider());
        server.verify(1, postRequestedFor(urlPathEqualTo(wire.path)));
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void should_keep_the_key_out_of_the_error_when_the_provider_echoes_it(Wire wire) {
        server.stubFor(post(wire.path).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"bad key " + KEY + "\"}}")));

        ModelException e = catchThrowableOfType(ModelException.class, () -> wire.gateway.chat(
                new ModelRequest(wire.spec("m-1"), List.of(ChatMessage.user("Hi")), List.of())));

        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.getMessage()).doesNotContain(KEY);
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
        }
    }

    @ParameterizedTest
    @EnumSource(Wire.class)
    void should_reject_the_request_without_calling_when_no_model_name_is_set(Wire wire) {
        ModelException e = catchThrowableOfType(ModelException.class, () -> wire.gateway.chat(
                new ModelRequest(wire.spec(" "), List.of(ChatMessage.user("Hi")), List.of())));

        assertThat(e.kind()).isEqualTo(Kind.INVALID_REQUEST);
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    private static String anthropic(String type, String message) {
        return "{\"type\": \"error\", \"error\": {\"type\": \"%s\", \"message\": \"%s\"}}".formatted(type, message);
    }
}
