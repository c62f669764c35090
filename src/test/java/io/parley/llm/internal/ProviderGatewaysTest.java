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
 * Every remote provider on the wire (WireMock speaking each API's JSON): tool calls in both directions, the settings
 * sent, and each family's own error quirks. Replies, usage, streaming and the statuses every provider shares are
 * each provider's {@code RemoteModelGatewayContract} test.
 */
class ProviderGatewaysTest {
    private static final String KEY = "provider-key-5d1c9e";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ToolSpec LOOKUP = new ToolSpec("lookup_order", "Finds an order by its id", """
            {"type": "object", "properties": {"orderId": {"type": "string", "description": "Order number"}},
             "required": ["orderId"]}""");

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    @AfterEach
    void reset() {
        server.resetAll();
    }

    private static ModelSpec spec(ProviderWire wire, String name) {
        return new ModelSpec(
                wire.newGateway().provider(),
                name,
                server.baseUrl() + wire.basePath,
                Secret.of(KEY),
                0.0,
                Duration.ofSeconds(5),
                256);
    }

    @ParameterizedTest
    @EnumSource(ProviderWire.class)
    void should_offer_tools_and_return_the_call_when_the_model_asks_for_one(ProviderWire wire) {
        server.stubFor(post(wire.path).willReturn(okJson(wire.toolCall())));

        ModelReply reply = wire.newGateway()
                .chat(new ModelRequest(
                        spec(wire, "m-1"), List.of(ChatMessage.user("Where is A1?")), List.of(), List.of(LOOKUP)));

        assertThat(reply.wantsTools()).isTrue();
        ToolCall call = reply.toolCalls().getFirst();
        assertThat(call.name()).isEqualTo("lookup_order");
        assertThat(call.argumentsJson()).contains("\"orderId\"").contains("\"A1\"");
        assertThat(call.id()).isNotBlank();
        String body = server.getAllServeEvents().getFirst().getRequest().getBodyAsString();
        assertThat(body)
                .contains("lookup_order")
                .contains("Finds an order by its id")
                .contains("orderId")
                .contains("Order number");
    }

    @ParameterizedTest
    @EnumSource(ProviderWire.class)
    void should_send_the_tool_result_back_when_the_loop_continues(ProviderWire wire) {
        server.stubFor(post(wire.path).willReturn(okJson(wire.text("A1 has shipped.", 30, 5))));
        ToolCall call = new ToolCall("call_1", "lookup_order", "{\"orderId\":\"A1\"}");

        ModelReply reply = wire.newGateway()
                .chat(new ModelRequest(
                        spec(wire, "m-1"),
                        List.of(
                                ChatMessage.user("Where is A1?"),
                                ChatMessage.assistantCalling("", List.of(call)),
                                ChatMessage.toolResult(call, "{\"status\":\"shipped-on-monday\"}")),
                        List.of(),
                        List.of(LOOKUP)));

        assertThat(reply.text()).isEqualTo("A1 has shipped.");
        String body = server.getAllServeEvents().getFirst().getRequest().getBodyAsString();
        assertThat(body).contains("shipped-on-monday").contains("lookup_order");
    }

    @ParameterizedTest
    @EnumSource(ProviderWire.class)
    void should_send_temperature_zero_and_the_output_cap_when_they_are_configured(ProviderWire wire) {
        server.stubFor(post(wire.path).willReturn(okJson(wire.text("ok", 1, 1))));

        wire.newGateway().chat(new ModelRequest(spec(wire, "m-1"), List.of(ChatMessage.user("Hi")), List.of()));

        JsonNode body =
                JSON.readTree(server.getAllServeEvents().getFirst().getRequest().getBodyAsString());
        JsonNode temperature = body.findValue("temperature");
        assertThat(temperature).as("temperature 0.0 is a value, not 'unset'").isNotNull();
        assertThat(temperature.isNumber()).isTrue();
        assertThat(temperature.asDouble()).isZero();
        assertThat(body.toString()).contains("256");
    }

    /** Each family's quirks; the statuses every provider shares are {@code RemoteModelGatewayContract}'s. */
    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of(ProviderWire.GEMINI, 400, """
                        {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.",
                         "status": "INVALID_ARGUMENT", "details": [{"reason": "API_KEY_INVALID"}]}}""", Kind.AUTHENTICATION),
                Arguments.of(ProviderWire.GEMINI, 400, """
                        {"error": {"code": 400, "message": "Invalid JSON payload", "status": "INVALID_ARGUMENT"}}""", Kind.INVALID_REQUEST),
                Arguments.of(ProviderWire.GEMINI, 429, """
                        {"error": {"code": 429, "message": "Resource exhausted", "status": "RESOURCE_EXHAUSTED"}}""", Kind.RATE_LIMITED),
                Arguments.of(ProviderWire.GEMINI, 504, """
                        {"error": {"code": 504, "message": "Deadline exceeded", "status": "DEADLINE_EXCEEDED"}}""", Kind.TIMEOUT),
                Arguments.of(
                        ProviderWire.ANTHROPIC,
                        400,
                        ProviderWire.anthropicError(
                                "invalid_request_error", "Your credit balance is too low to access the Anthropic API."),
                        Kind.QUOTA_EXHAUSTED),
                Arguments.of(
                        ProviderWire.ANTHROPIC,
                        400,
                        ProviderWire.anthropicError("invalid_request_error", "max_tokens: field required"),
                        Kind.INVALID_REQUEST),
                Arguments.of(
                        ProviderWire.ANTHROPIC,
                        529,
                        ProviderWire.anthropicError("overloaded_error", "Overloaded"),
                        Kind.UNAVAILABLE),
                Arguments.of(
                        ProviderWire.OLLAMA,
                        404,
                        "{\"error\": \"model \\\"m-1\\\" not found, try pulling it first\"}",
                        Kind.INVALID_REQUEST),
                Arguments.of(ProviderWire.OLLAMA, 400, "{\"error\": \"invalid options\"}", Kind.INVALID_REQUEST));
    }

    @ParameterizedTest(name = "{0} {1} -> {3}")
    @MethodSource("errors")
    void should_classify_the_failure_and_not_retry_when_the_provider_answers_with_an_error(
            ProviderWire wire, int status, String body, Kind kind) {
        LangChainGateway gateway = wire.newGateway();
        server.stubFor(post(wire.path)
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));

        ModelException e = catchThrowableOfType(
                ModelException.class,
                () -> gateway.chat(new ModelRequest(spec(wire, "m-1"), List.of(ChatMessage.user("Hi")), List.of())));

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.provider()).isEqualTo(gateway.provider());
        server.verify(1, postRequestedFor(urlPathEqualTo(wire.path)));
    }
}
