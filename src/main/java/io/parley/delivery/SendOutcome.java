package io.parley.delivery;

import io.parley.platform.channel.ChannelCapabilities;
import java.time.Duration;
import java.util.Optional;

/** How one attempt to hand a message to a provider ended. Senders return these instead of throwing. */
public sealed interface SendOutcome
        permits SendOutcome.Sent, SendOutcome.RetryLater, SendOutcome.Unconfirmed, SendOutcome.Rejected {

    /**
     * The refusal of content whose kind {@code capabilities} do not include: delivery refuses such content before it
     * is stored, and a sender handed one anyway answers with this instead of sending something else or throwing.
     */
    static Optional<SendOutcome> unsupported(OutboundContent content, ChannelCapabilities capabilities) {
        if (capabilities.supports(content.outboundKind())) {
            return Optional.empty();
        }
        return Optional.of(new Rejected(
                "unsupported_on_channel",
                "The channel cannot send " + content.outboundKind().name().toLowerCase(java.util.Locale.ROOT)
                        + " messages",
                false));
    }

    /** The provider accepted the message and gave it this id (WhatsApp: the wamid). */
    record Sent(String providerMessageId) implements SendOutcome {}

    /**
     * Worth trying again: throttling, 5xx, network errors before the request was sent.
     *
     * @param notBefore the provider's own hint (Retry-After), or null
     * @param throttled the provider said we send too fast (WhatsApp 130429, 131056, 80007): back off harder, and do
     *                  not count it against the retry budget
     */
    record RetryLater(String code, String reason, Duration notBefore, boolean throttled) implements SendOutcome {
        public RetryLater(String code, String reason, Duration notBefore) {
            this(code, reason, notBefore, false);
        }
    }

    /**
     * The request may have reached the provider but its answer was lost (timeout, reset, empty response): the
     * provider may have accepted it. The delivery waits for a status report carrying our id before sending again.
     */
    record Unconfirmed(String code, String reason) implements SendOutcome {}

    /**
     * Will never work as sent: the request or the recipient is wrong, or credentials are rejected.
     *
     * @param alert true when an operator must act (expired token, revoked permission)
     */
    record Rejected(String code, String reason, boolean alert) implements SendOutcome {}
}
