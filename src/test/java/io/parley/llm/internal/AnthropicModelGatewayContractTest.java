package io.parley.llm.internal;

import io.parley.llm.ModelGateway;
import io.parley.llm.RemoteModelGatewayContract;

class AnthropicModelGatewayContractTest extends RemoteModelGatewayContract {
    private static final ProviderWire WIRE = ProviderWire.ANTHROPIC;

    private final ModelGateway gateway = WIRE.newGateway();

    @Override
    protected ModelGateway gateway() {
        return gateway;
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
