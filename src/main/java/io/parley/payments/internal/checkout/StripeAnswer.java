package io.parley.payments.internal.checkout;

/**
 * What one call to Stripe came to. {@link RetryLater#answered} tells a 429/5xx that Stripe answered (a new
 * Idempotency-Key is needed, since Stripe replays an answered 5xx for the same key) from a timeout or a lost
 * connection (the same key must be reused: Stripe may have created the session).
 */
public sealed interface StripeAnswer {
    record Session(CheckoutSession session) implements StripeAnswer {}

    record RetryLater(String reason, boolean answered) implements StripeAnswer {}

    record Rejected(int status, String reason) implements StripeAnswer {}
}
