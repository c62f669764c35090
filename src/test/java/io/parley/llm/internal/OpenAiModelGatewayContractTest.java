package io.parley.llm.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import io.parley.llm.ModelGateway;
import io.parley.llm.RemoteModelGatewayContract;
import io.parley.testing.OpenAiStreams;

/** The one provider Parley streams (ADR 36): streamed requests get {@code chat.completion.chunk} events. */
class OpenAiModelGatewayContractTest extends RemoteModelGatewayContract {
    private static final ProviderWire WIRE = ProviderWire.OPENAI;

    private final ModelGateway gateway = WIRE.newGateway();

    @Override
    protected ModelGateway gateway() {
        return gateway;
    }

    @Override
    protected boolean streams() {
        return true;
    }

    @Override
    protected void stubStreamed(String text) {
        server.stubFor(post(urlPathEqualTo(WIRE.path))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(OpenAiStreams.text(INPUT_TOKENS, OUTPUT_TOKENS, text.split("(?<= )"))));
    }

    @Override
    protected String basePath() {
        return WIRE.basePath;
    }

    @Override
    protected String chatPath() {
        return WIRE.path;
    }

    @Override
    protected String replyBody(String text, int inputTokens, int outputTokens) {
        return WIRE.text(text, inputTokens, outputTokens);
    }

    @Override
    protected String errorBody(int status, String message) {
        return WIRE.error(status, message);
    }
}
