package io.parley.delivery;

import java.time.Duration;

/** How one attempt to hand a message to a provider ended. Senders return these instead of throwing. */
public sealed interface SendOutcome permits SendOutcome.Sent, SendOutcome.RetryLater, SendOutcome.Rejected {

    /** The provider accepted the message and gave it this id (WhatsApp: the wamid). */
    record Sent(String providerMessageId) implements SendOutcome {
    }

    /**
     * Worth trying again: throttling, 5xx, timeouts, network errors.
     *
     * @param notBefore the provider's own hint (Retry-After), or null
     */
    record RetryLater(String code, String reason, Duration notBefore) implements SendOutcome {
    }

    /**
     * Will never work as sent: the request or the recipient is wrong, or credentials are rejected.
     *
     * @param alert true when an operator must act (expired token, revoked permission)
     */
    record Rejected(String code, String reason, boolean alert) implements SendOutcome {
    }
}
