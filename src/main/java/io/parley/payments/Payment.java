package io.parley.payments;

import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import java.time.Instant;

/**
 * A payment as Parley knows it. {@code url} is Stripe's Checkout page once the session exists (null while the
 * payment is {@code created}: the session is created by a job, with retries); {@code late} says a payment arrived
 * after the session had expired.
 */
public record Payment(
        PaymentId id,
        OrganizationId organizationId,
        String reference,
        ConversationId conversationId,
        ContactId contactId,
        long amountMinor,
        String currency,
        String label,
        PaymentStatus status,
        String checkoutSessionId,
        String url,
        Instant expiresAt,
        boolean late,
        String lastError,
        Instant createdAt) {}
