package io.parley.llm;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/** The module's facade: routes a request to the gateway of its provider. */
@Service
public class Models {
    private final Map<String, ModelGateway> gateways;

    public Models(List<ModelGateway> gateways) {
        this.gateways =
                gateways.stream().collect(Collectors.toUnmodifiableMap(ModelGateway::provider, Function.identity()));
    }

    public ModelReply chat(ModelRequest request) {
        return gateway(request).chat(request);
    }

    /** Streams text to {@code tokens} where the provider streams (see {@link ModelGateway#chat(ModelRequest, Consumer)}). */
    public ModelReply chat(ModelRequest request, Consumer<String> tokens) {
        return gateway(request).chat(request, tokens);
    }

    private ModelGateway gateway(ModelRequest request) {
        ModelGateway gateway = gateways.get(request.spec().provider());
        if (gateway == null) {
            throw new ModelException(
                    ModelException.Kind.INVALID_REQUEST,
                    request.spec().provider(),
                    null,
                    "Unknown model provider '" + request.spec().provider() + "'; known: " + gateways.keySet(),
                    null);
        }
        return gateway;
    }

    public boolean supports(String provider) {
        return gateways.containsKey(provider);
    }
}
