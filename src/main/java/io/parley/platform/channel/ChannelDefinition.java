package io.parley.platform.channel;

/**
 * One channel type, as its package under {@code channels/} describes it to the rest of Parley: a Spring bean per
 * type, collected by {@link Channels}. Adding a channel is adding one package with a definition, a
 * {@code ChannelSender}, a {@code ChannelConnector} and whatever ingress it needs, plus one run of the contract suite.
 */
public interface ChannelDefinition {
    ChannelType type();

    ChannelCapabilities capabilities();

    /**
     * What an error code the provider gave for a send means (from a send's answer or a later status report). Codes
     * the channel does not know are {@link FailureClass#PERMANENT} unless the provider marks them transient.
     */
    FailureClass classify(String providerErrorCode);

    /** The reason recorded when the provider said the window closed (shown in the outbox and dead letters). */
    default String windowClosedReason(String providerErrorCode) {
        return type().wireName() + "_" + providerErrorCode;
    }

    /**
     * Whether a reference an API caller gave (a reply target, a reaction target) is the provider's own message id
     * rather than one of ours. Channels whose messages have no provider ids answer false.
     */
    default boolean isProviderMessageId(String reference) {
        return false;
    }

    /**
     * Paths on this installation the operator configures at the provider (a webhook), by label, for the start-up
     * banner; most channels have none.
     */
    default java.util.Map<String, String> operatorEndpoints() {
        return java.util.Map.of();
    }

    /** Whether our messages carry the provider's id once sent (a reply or reaction then needs that id). */
    default boolean referencesByProviderId() {
        return false;
    }
}
