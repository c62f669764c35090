package io.parley.llm.internal;

import io.parley.llm.ModelGateway;
import io.parley.llm.RemoteModelGatewayContract;

/** The remote-gateway suite for a provider whose wire format {@link ProviderWire} knows: one line per provider. */
abstract class ProviderWireGatewayContract extends RemoteModelGatewayContract {
    protected final ProviderWire wire;
    private final ModelGateway gateway;

    ProviderWireGatewayContract(ProviderWire wire) {
        this.wire = wire;
        this.gateway = wire.newGateway();
    }

    @Override
    protected ModelGateway gateway() {
        return gateway;
    }

    @Override
    protected String basePath() {
        return wire.basePath;
    }

    @Override
    protected String chatPath() {
        return wire.path;
    }

    @Override
    protected String replyBody(String text, int inputTokens, int outputTokens) {
        return wire.text(text, inputTokens, outputTokens);
    }

    @Override
    protected String errorBody(int status, String message) {
        return wire.error(status, message);
    }
}
