package io.parley.llm.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import io.parley.testing.OpenAiStreams;

/** The one provider Parley streams (ADR 36): streamed requests get {@code chat.completion.chunk} events. */
class OpenAiModelGatewayContractTest extends ProviderWireGatewayContract {
    OpenAiModelGatewayContractTest() {
        super(ProviderWire.OPENAI);
    }

    @Override
    protected boolean streams() {
        return true;
    }

    @Override
    protected void stubStreamed(String text) {
        server.stubFor(post(urlPathEqualTo(wire.path))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(OpenAiStreams.text(INPUT_TOKENS, OUTPUT_TOKENS, text.split("(?<= )"))));
    }
}
