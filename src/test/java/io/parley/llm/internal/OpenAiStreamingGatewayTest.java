package io.parley.llm.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.parley.llm.ChatMessage;
import io.parley.llm.ModelException;
import io.parley.llm.ModelException.Kind;
import io.parley.llm.ModelReply;
import io.parley.llm.ModelRequest;
import io.parley.llm.ModelSpec;
import io.parley.llm.ToolSpec;
import io.parley.platform.Secret;
import io.parley.testing.LoopbackEgress;
import io.parley.testing.OpenAiStreams;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OpenAI streams beyond {@link OpenAiModelGatewayContractTest} (which shows the streamed reply equals the plain one,
 * the listener failing and every status mapped alike): tool calls, and streams that break off.
 */
class OpenAiStreamingGatewayTest {
    private static final String API_KEY = "sk-test-5e1d2c3b4a596877";
    private static final String COMPLETIONS = "/v1/chat/completions";

    @RegisterExtension
    static WireMockExtension server = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private final OpenAiModelGateway gateway = new OpenAiModelGateway(LoopbackEgress.http());
    private final List<String> tokens = new CopyOnWriteArrayList<>();

    @Test
    void should_return_the_tool_call_and_stream_no_text_when_the_round_calls_a_tool() {
        server.stubFor(post(COMPLETIONS)
                .willReturn(OpenAiStreams.toolCall("call_7", "lookup_order", "{\"order\": \"A-17\"}")));

        ModelReply reply = gateway.chat(request(), tokens::add);

        assertThat(tokens).isEmpty();
        assertThat(reply.wantsTools()).isTrue();
        assertThat(reply.toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.id()).isEqualTo("call_7");
            assertThat(call.name()).isEqualTo("lookup_order");
            assertThat(call.argumentsJson()).isEqualTo("{\"order\": \"A-17\"}");
        });
    }

    @Test
    void should_report_unavailable_when_the_stream_breaks_off() {
        server.stubFor(post(COMPLETIONS).willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));

        ModelException e = catchThrowableOfType(ModelException.class, () -> gateway.chat(request(), tokens::add));

        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
        assertThat(e.provider()).isEqualTo("openai");
    }

    @Test
    void should_fail_like_a_server_error_when_an_error_event_interrupts_the_stream() {
        server.stubFor(post(COMPLETIONS)
                .willReturn(aResponse()
                        .withStatus(200)
                        .withHeader("Content-Type", "text/event-stream")
                        .withBody("""
                        data: {"id": "c", "object": "chat.completion.chunk", "created": 1, "model": "m", "choices": [{"index": 0, "delta": {"content": "Half"}, "finish_reason": null}]}

                        data: {"error": {"message": "The server had an error while processing your request", "type": "server_error"}}

                        """)));

        ModelException e = catchThrowableOfType(ModelException.class, () -> gateway.chat(request(), tokens::add));

        assertThat(tokens).containsExactly("Half");
        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
    }

    private ModelRequest request() {
        ModelSpec spec = new ModelSpec(
                "openai",
                "gpt-4o-mini",
                server.baseUrl() + "/v1",
                Secret.of(API_KEY),
                0.0,
                Duration.ofSeconds(5),
                null);
        return new ModelRequest(
                spec,
                List.of(ChatMessage.system("Be brief."), ChatMessage.user("When do you open?")),
                List.of(),
                List.of(new ToolSpec(
                        "lookup_order",
                        "Finds an order",
                        "{\"type\": \"object\", \"properties\": {\"order\": {\"type\": \"string\"}}}")));
    }
}
