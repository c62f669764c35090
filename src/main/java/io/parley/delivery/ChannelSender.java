package io.parley.delivery;

import io.parley.platform.channel.ChannelType;

/** The delivery port each channel implements. Implementations classify every failure into a {@link SendOutcome}. */
public interface ChannelSender {
    /** The channel type this sender serves, matching {@link OutboundRequest#channel()}. */
    ChannelType channel();

    SendOutcome send(OutboundEnvelope envelope);
}
