package io.parley.llm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.llm.ModelException.Kind;
import io.parley.platform.Secret;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a gateway that calls a model server does besides {@link ModelGatewayContract}: it sends the conversation,
 * and every failure, plain or streamed, becomes a {@link ModelException} of the documented kind (429 and 5xx retry
 * later, 401/403 permanent, other 4xx a wrong request, a timeout or an unreachable server retry later) through its
 * family's one error mapper, without retrying by itself and without the API key in anything it throws. The server is
 * WireMock speaking the provider's JSON; a subclass supplies the provider's paths and bodies.
 */
public abstract class RemoteModelGatewayContract extends ModelGatewayContract {
    protected static final String KEY = "contract-key-3f9a7c21e5";
    private static final String MODEL = "m-1";

    @RegisterExtension
    protected static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    /** What a chatbot's {@code baseUrl} ends with for this provider, e.g. {@code /v1}. */
    protected abstract String basePath();

    /** The path the chat call (plain or streamed) is posted to. */
    protected abstract String chatPath();

    /** The provider's body of a completed answer with its usage. */
    protected abstract String replyBody(String text, int inputTokens, int outputTokens);

    /** The provider's error body for {@code status}, carrying {@code message} where its errors carry one. */
    protected abstract String errorBody(int status, String message);

    /** Makes the server stream {@code text} to streamed calls; only for a gateway that {@link #streams()}. */
    protected void stubStreamed(String text) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " streams but stubs no stream");
    }

    @Override
    protected boolean reportsUsage() {
        return true;
    }

    @Override
    protected boolean streams() {
        return false;
    }

    @Override
    protected ModelRequest answeredWith(String text) {
        server.stubFor(
                post(urlPathEqualTo(chatPath())).willReturn(okJson(replyBody(text, INPUT_TOKENS, OUTPUT_TOKENS))));
        if (streams()) {
            stubStreamed(text);
        }
        return request(spec(MODEL, server.baseUrl() + basePath(), Duration.ofSeconds(5)));
    }

    @AfterEach
    void resetServer() {
        server.resetAll();
    }

    /** The two ways the agent calls a model; both must fail alike. */
    protected enum Call {
        PLAIN((gateway, request) -> gateway.chat(request)),
        STREAMED((gateway, request) -> gateway.chat(request, new ArrayList<String>()::add));

        private final BiFunction<ModelGateway, ModelRequest, ModelReply> call;

        Call(BiFunction<ModelGateway, ModelRequest, ModelReply> call) {
            this.call = call;
        }

        ModelException failure(ModelGateway gateway, ModelRequest request) {
            ModelException e = catchThrowableOfType(ModelException.class, () -> call.apply(gateway, request));
            assertThat(e).as("a ModelException").isNotNull();
            return e;
        }
    }

    @Test
    void should_send_the_conversation_once_when_calling() {
        ModelRequest request = answeredWith("ok");

        gateway().chat(request);

        server.verify(1, postRequestedFor(urlPathEqualTo(chatPath())));
        LoggedRequest sent = server.getAllServeEvents().getFirst().getRequest();
        assertThat(sent.getBodyAsString()).contains("You are Parley.").contains("When do you open?");
        assertThat(sent.getUrl() + " " + sent.getBodyAsString())
                .as("the model, in the path or the body")
                .contains(MODEL);
    }

    static Stream<Arguments> statuses() {
        List<Arguments> cases = new ArrayList<>();
        for (Call call : Call.values()) {
            cases.add(Arguments.of(call, 401, Kind.AUTHENTICATION));
            cases.add(Arguments.of(call, 403, Kind.AUTHENTICATION));
            cases.add(Arguments.of(call, 404, Kind.INVALID_REQUEST));
            cases.add(Arguments.of(call, 429, Kind.RATE_LIMITED));
            cases.add(Arguments.of(call, 500, Kind.UNAVAILABLE));
            cases.add(Arguments.of(call, 503, Kind.UNAVAILABLE));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("statuses")
    void should_classify_the_status_and_not_retry_when_the_server_answers_with_an_error(
            Call call, int status, Kind kind) {
        server.stubFor(post(urlPathEqualTo(chatPath()))
                .willReturn(aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(errorBody(status, "simulated failure"))));

        ModelException e = call.failure(gateway(), request(remoteSpec(Duration.ofSeconds(5))));

        assertThat(e.kind()).isEqualTo(kind);
        assertThat(e.retriable()).isEqualTo(kind == Kind.RATE_LIMITED || kind == Kind.UNAVAILABLE);
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.provider()).isEqualTo(gateway().provider());
        assertThat(e.getMessage()).contains(String.valueOf(status));
        // Parley owns the retry policy: the client library must not retry on its own.
        server.verify(1, postRequestedFor(urlPathEqualTo(chatPath())));
    }

    @ParameterizedTest
    @EnumSource(Call.class)
    void should_report_a_timeout_when_the_server_answers_after_the_spec_timeout(Call call) {
        server.stubFor(post(urlPathEqualTo(chatPath()))
                .willReturn(okJson(replyBody("late", 1, 1)).withFixedDelay(2_000)));

        ModelException e = call.failure(gateway(), request(remoteSpec(Duration.ofMillis(300))));

        assertThat(e.kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(e.retriable()).isTrue();
        assertThat(e.httpStatus()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Call.class)
    void should_report_unavailable_when_nothing_listens_on_the_port(Call call) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        ModelException e = call.failure(
                gateway(), request(spec(MODEL, "http://localhost:" + closedPort + basePath(), Duration.ofSeconds(2))));

        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.retriable()).isTrue();
        assertThat(e.httpStatus()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Call.class)
    void should_keep_the_key_out_of_the_error_when_the_server_echoes_it(Call call) {
        server.stubFor(post(urlPathEqualTo(chatPath()))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody(errorBody(401, "bad key " + KEY))));

        ModelException e = call.failure(gateway(), request(remoteSpec(Duration.ofSeconds(5))));

        assertThat(e.kind()).isEqualTo(Kind.AUTHENTICATION);
        assertThat(e.getMessage()).contains("bad key").doesNotContain(KEY);
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
        }
        assertThat(e.context().toString()).doesNotContain(KEY);
    }

    @ParameterizedTest
    @EnumSource(Call.class)
    void should_reject_the_request_without_calling_when_no_model_name_is_set(Call call) {
        ModelException e =
                call.failure(gateway(), request(spec(" ", server.baseUrl() + basePath(), Duration.ofSeconds(5))));

        assertThat(e.kind()).isEqualTo(Kind.INVALID_REQUEST);
        assertThat(e.retriable()).isFalse();
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    private ModelSpec remoteSpec(Duration timeout) {
        return spec(MODEL, server.baseUrl() + basePath(), timeout);
    }

    private ModelSpec spec(String name, String baseUrl, Duration timeout) {
        return new ModelSpec(gateway().provider(), name, baseUrl, Secret.of(KEY), 0.0, timeout, 256);
    }

    private static ModelRequest request(ModelSpec spec) {
        return new ModelRequest(
                spec, List.of(ChatMessage.system("You are Parley."), ChatMessage.user("When do you open?")), List.of());
    }
}
