package io.parley.payments;

import io.parley.platform.ContactId;
import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;

/**
 * A payment reached an outcome: {@code PAID} (with {@code late} when its session had expired first), {@code EXPIRED}
 * or {@code FAILED}. Published in the transaction that moved the payment, once per move (a redelivered Stripe event
 * moves nothing); a flow's {@code payment} step waits for it.
 */
public record PaymentSettled(
        PaymentId paymentId,
        OrganizationId organizationId,
        String reference,
        ConversationId conversationId,
        ContactId contactId,
        PaymentStatus status,
        boolean late) {}
