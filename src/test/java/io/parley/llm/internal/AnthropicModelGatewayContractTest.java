package io.parley.llm.internal;

class AnthropicModelGatewayContractTest extends ProviderWireGatewayContract {
    AnthropicModelGatewayContractTest() {
        super(ProviderWire.ANTHROPIC);
    }
}
