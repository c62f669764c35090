package io.parley.llm;

import io.parley.llm.internal.InFlightLimits;
import io.parley.platform.WorkPermits;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * The module's facade: routes a request to the gateway of its provider, within the bound on calls open to the
 * provider's server ({@link LlmProperties}; a call that gets no place in time fails as
 * {@link ModelException.Kind#BUSY}). A caller holding a {@link WorkPermits} permit gives it on while it waits.
 */
@Service
public class Models {
    private final Map<String, ModelGateway> gateways;
    private final InFlightLimits limits;

    public Models(List<ModelGateway> gateways, InFlightLimits limits) {
        this.gateways =
                gateways.stream().collect(Collectors.toUnmodifiableMap(ModelGateway::provider, Function.identity()));
        this.limits = limits;
    }

    public ModelReply chat(ModelRequest request) {
        ModelGateway gateway = gateway(request);
        return call(gateway, request, () -> gateway.chat(request));
    }

    /** Streams text to {@code tokens} where the provider streams (see {@link ModelGateway#chat(ModelRequest, Consumer)}). */
    public ModelReply chat(ModelRequest request, Consumer<String> tokens) {
        ModelGateway gateway = gateway(request);
        return call(gateway, request, () -> gateway.chat(request, tokens));
    }

    private ModelReply call(ModelGateway gateway, ModelRequest request, Supplier<ModelReply> call) {
        String server = gateway.server(request.spec());
        if (server == null) {
            return call.get(); // nothing to wait for (the offline model computes): the caller keeps its permit
        }
        return WorkPermits.waiting(() -> limits.call(gateway.provider(), server, call));
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
