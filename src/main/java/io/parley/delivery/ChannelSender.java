package io.parley.delivery;

/** The delivery port each channel implements. Implementations classify every failure into a {@link SendOutcome}. */
public interface ChannelSender {
    /** The channel wire name this sender serves, matching {@link OutboundRequest#channel()}. */
    String channel();

    SendOutcome send(OutboundEnvelope envelope);
}
