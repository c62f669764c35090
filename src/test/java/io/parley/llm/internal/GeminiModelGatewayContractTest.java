package io.parley.llm.internal;

class GeminiModelGatewayContractTest extends ProviderWireGatewayContract {
    GeminiModelGatewayContractTest() {
        super(ProviderWire.GEMINI);
    }
}
