package io.parley.llm.internal;

class OllamaModelGatewayContractTest extends ProviderWireGatewayContract {
    OllamaModelGatewayContractTest() {
        super(ProviderWire.OLLAMA);
    }
}
