package io.parley.platform.channel;

/** What a provider's error code means for the message, as the channel classifies it. */
public enum FailureClass {
    /** Try again later (the provider is busy or broken). */
    RETRY,
    /** Never send this message again as it is. */
    PERMANENT,
    /** The channel's service window closed: only a template may go out until the contact writes again. */
    WINDOW_CLOSED
}
