package io.parley.llm.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.parley.llm.ChatMessage;
import io.parley.llm.ModelException;
import io.parley.llm.ModelException.Kind;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelRequest;
import io.parley.llm.ModelSpec;
import io.parley.platform.Secret;
import io.parley.testing.LoopbackEgress;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class OpenAiModelGatewayTest {
    private static final String API_KEY = "sk-test-7f3a9c1e5b2d4068";
    private static final String COMPLETIONS = "/v1/chat/completions";

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final OpenAiModelGateway gateway = new OpenAiModelGateway(LoopbackEgress.http());

    @Test
    void should_not_count_as_answered_when_server_returns_blank_text() {
        server.stubFor(post(COMPLETIONS).willReturn(okJson(completion("  ", 12, 1))));

        ModelReply reply = gateway.chat(request(spec(0.0), ChatMessage.user("Anything?")));

        assertThat(reply.answered()).isFalse();
        assertThat(reply.text()).isEmpty();
        assertThat(reply.inputTokens()).isEqualTo(12);
    }

    @Test
    void should_report_zero_tokens_when_server_omits_usage() {
        server.stubFor(post(COMPLETIONS).willReturn(okJson("""
                {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}]}
                """)));

        ModelReply reply = gateway.chat(request(spec(0.0), ChatMessage.user("Hello")));

        assertThat(reply.text()).isEqualTo("Hi");
        assertThat(reply.inputTokens()).isZero();
        assertThat(reply.outputTokens()).isZero();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, 0.7})
    void should_send_model_temperature_and_messages_in_order_when_calling(double temperature) throws IOException {
        server.stubFor(post(COMPLETIONS).willReturn(okJson(completion("ok", 1, 1))));

        gateway.chat(request(
                spec(temperature),
                ChatMessage.system("You are Parley."),
                ChatMessage.user("Hi"),
                ChatMessage.assistant("Hello!"),
                ChatMessage.user("Opening hours?")));

        String raw = server.getAllServeEvents().getFirst().getRequest().getBodyAsString();
        JsonNode body = new ObjectMapper().readTree(raw);
        assertThat(body.path("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(body.has("temperature"))
                .as("temperature is sent even when 0.0")
                .isTrue();
        assertThat(body.get("temperature").doubleValue()).isEqualTo(temperature);
        assertThat(body.get("messages"))
                .extracting(m -> m.get("role").asText() + ":" + m.get("content").asText())
                .containsExactly("system:You are Parley.", "user:Hi", "assistant:Hello!", "user:Opening hours?");
    }

    @Test
    void should_send_the_api_key_as_bearer_token_when_a_key_is_configured() {
        server.stubFor(post(COMPLETIONS).willReturn(okJson(completion("ok", 1, 1))));

        gateway.chat(request(spec(0.0), ChatMessage.user("Hi")));

        server.verify(postRequestedFor(urlPathEqualTo(COMPLETIONS))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY)));
    }

    @Test
    void should_send_a_placeholder_key_when_the_server_needs_none() {
        server.stubFor(post(COMPLETIONS).willReturn(okJson(completion("ok", 1, 1))));
        ModelSpec keyless =
                new ModelSpec("openai", "llama3", server.baseUrl() + "/v1", null, 0.0, Duration.ofSeconds(5));

        gateway.chat(request(keyless, ChatMessage.user("Hi")));

        server.verify(postRequestedFor(urlPathEqualTo(COMPLETIONS))
                .withHeader("Authorization", equalTo("Bearer not-needed")));
    }

    @Test
    void should_call_the_configured_base_url_when_it_has_a_path_prefix() {
        server.stubFor(post("/proxy/openai/v1/chat/completions").willReturn(okJson(completion("via proxy", 1, 1))));
        ModelSpec proxied = new ModelSpec(
                "openai",
                "gpt-4o-mini",
                server.baseUrl() + "/proxy/openai/v1",
                Secret.of(API_KEY),
                0.0,
                Duration.ofSeconds(5));

        ModelReply reply = gateway.chat(request(proxied, ChatMessage.user("Hi")));

        assertThat(reply.text()).isEqualTo("via proxy");
    }

    @Test
    void should_reuse_the_built_model_when_the_spec_is_the_same() {
        server.stubFor(post(COMPLETIONS).willReturn(okJson(completion("ok", 1, 1))));

        gateway.chat(request(spec(0.0), ChatMessage.user("one")));
        gateway.chat(request(spec(0.0), ChatMessage.user("two")));
        assertThat(gateway.cachedModels()).isEqualTo(1);

        gateway.chat(request(spec(0.5), ChatMessage.user("three")));
        assertThat(gateway.cachedModels()).isEqualTo(2);
    }

    /** OpenAI's own cases; the statuses every provider shares are {@link OpenAiModelGatewayContractTest}'s. */
    static Stream<Arguments> errorResponses() {
        return Stream.of(
                Arguments.of(400, error("Invalid 'messages'", "invalid_request_error", null), Kind.INVALID_REQUEST),
                Arguments.of(408, error("Request timed out", "timeout", null), Kind.TIMEOUT),
                Arguments.of(
                        429,
                        error("You exceeded your current quota", "insufficient_quota", "insufficient_quota"),
                        Kind.QUOTA_EXHAUSTED),
                Arguments.of(502, "<html><body>Bad gateway</body></html>", Kind.UNAVAILABLE));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("errorResponses")
    void should_classify_the_failure_when_server_answers_with_an_error_status(int status, String body, Kind kind) {
        server.stubFor(post(COMPLETIONS)
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(body)));

        ModelException e = catchThrowableOfType(
                ModelException.class, () -> gateway.chat(request(spec(0.0), ChatMessage.user("Hi"))));

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.provider()).isEqualTo("openai");
        assertThat(e.getMessage()).contains(String.valueOf(status));
        // Parley owns the retry policy: LangChain4j must not retry on its own.
        server.verify(1, postRequestedFor(urlPathEqualTo(COMPLETIONS)));
    }

    private static ModelSpec spec(double temperature) {
        return new ModelSpec(
                "openai",
                "gpt-4o-mini",
                server.baseUrl() + "/v1",
                Secret.of(API_KEY),
                temperature,
                Duration.ofSeconds(5));
    }

    private static ModelRequest request(ModelSpec spec, ChatMessage... messages) {
        return new ModelRequest(spec, List.of(messages), List.of());
    }

    private static String completion(String content, int promptTokens, int completionTokens) {
        return """
                {"id":"chatcmpl-9xYz","object":"chat.completion","created":1700000000,"model":"gpt-4o-mini-2024-07-18",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"%s","refusal":null},
                             "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d},
                 "system_fingerprint":"fp_0ba0d124f1"}
                """.formatted(content, promptTokens, completionTokens, promptTokens + completionTokens);
    }

    private static String error(String message, String type, String code) {
        return """
                {"error":{"message":"%s","type":"%s","param":null,"code":%s}}
                """.formatted(message, type, code == null ? "null" : "\"" + code + "\"");
    }
}
