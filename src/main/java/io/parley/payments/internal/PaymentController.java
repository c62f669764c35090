package io.parley.payments.internal;

import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.payments.Payment;
import io.parley.payments.PaymentId;
import io.parley.payments.Payments;
import io.parley.platform.Ids;
import io.parley.platform.OrganizationId;
import java.time.Instant;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** One payment of the organization, to see where it stands (and why it failed); admins, like the integration. */
@RestController
@RequiresRole(Role.ADMIN)
class PaymentController {
    /** A payment on the wire. */
    record PaymentView(
            UUID id,
            String reference,
            UUID conversationId,
            long amountMinor,
            String currency,
            String label,
            String status,
            String checkoutSessionId,
            String url,
            Instant expiresAt,
            boolean late,
            String lastError,
            Instant createdAt) {
        static PaymentView of(Payment p) {
            return new PaymentView(
                    p.id().value(),
                    p.reference(),
                    p.conversationId() == null ? null : p.conversationId().value(),
                    p.amountMinor(),
                    p.currency(),
                    p.label(),
                    p.status().wireName(),
                    p.checkoutSessionId(),
                    p.url(),
                    p.expiresAt(),
                    p.late(),
                    p.lastError(),
                    p.createdAt());
        }
    }

    private final Payments payments;

    PaymentController(Payments payments) {
        this.payments = payments;
    }

    @GetMapping("/api/v1/organizations/{orgId}/payments/{paymentId}")
    PaymentView get(@PathVariable String orgId, @PathVariable String paymentId) {
        OrganizationId organization = Ids.parse(orgId, "organization", OrganizationId::new);
        PaymentId id = Ids.parse(paymentId, "payment", PaymentId::new);
        return PaymentView.of(payments.get(organization, id));
    }
}
