package io.parley.llm;

/** The port every model provider implements. Implementations throw {@link ModelException} and nothing else. */
public interface ModelGateway {
    /** The {@link ModelSpec#provider()} value this gateway serves. */
    String provider();

    ModelReply chat(ModelRequest request);
}
