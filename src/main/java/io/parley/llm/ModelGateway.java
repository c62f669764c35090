package io.parley.llm;

import java.util.function.Consumer;

/** The port every model provider implements. Implementations throw {@link ModelException} and nothing else. */
public interface ModelGateway {
    /** The {@link ModelSpec#provider()} value this gateway serves. */
    String provider();

    ModelReply chat(ModelRequest request);

    /**
     * The same call, handing text to {@code tokens} as the provider streams it. The reply is the same complete one
     * {@link #chat(ModelRequest)} returns; tokens are best-effort previews of it. A provider that does not stream
     * answers without calling {@code tokens}. Text of a round that turns out to call tools stops reaching
     * {@code tokens} once the first tool call arrives.
     */
    default ModelReply chat(ModelRequest request, Consumer<String> tokens) {
        return chat(request);
    }

    /**
     * The server a call with {@code spec} goes to, as lower-case {@code host:port}, so {@link Models} can bound the
     * calls open to it ({@link LlmProperties}); null for a gateway that calls no server (the offline model).
     */
    default String server(ModelSpec spec) {
        return null;
    }
}
