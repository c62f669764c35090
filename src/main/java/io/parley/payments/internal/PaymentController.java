package io.parley.payments.internal;

import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.payments.Payment;
import io.parley.payments.PaymentId;
import io.parley.payments.PaymentRequest;
import io.parley.payments.Payments;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.Organizations;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * An organization's payments: create one by hand (a link to send, or to try the integration with Stripe's CLI) and
 * see where one stands (and why it failed). Admins, like the integration. A payment made here has no conversation:
 * the API takes no conversation id, since the payments module cannot check that one is the organization's.
 */
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

    /** The body of a create; {@code expiresInMinutes} defaults to 60 and is clamped to 31 min … 23 h 59 min. */
    record CreateRequest(Long amountMinor, String currency, String label, Integer expiresInMinutes, String reference) {
        PaymentRequest toRequest() {
            if (amountMinor == null) {
                throw new InvalidRequestException(
                        "validation_failed", "amountMinor is required", Map.of("field", "amountMinor"));
            }
            int minutes = expiresInMinutes == null ? 60 : expiresInMinutes;
            if (minutes < 1 || minutes > 24 * 60) {
                throw new InvalidRequestException(
                        "validation_failed", "expiresInMinutes must be 1 to 1440", Map.of("field", "expiresInMinutes"));
            }
            return new PaymentRequest(amountMinor, currency, label, Duration.ofMinutes(minutes), null, null, reference);
        }
    }

    private final Payments payments;
    private final Organizations organizations;

    PaymentController(Payments payments, Organizations organizations) {
        this.payments = payments;
        this.organizations = organizations;
    }

    /** 202: the Checkout Session is created by a job; GET the payment for its {@code url}. */
    @PostMapping("/api/v1/organizations/{orgId}/payments")
    ResponseEntity<PaymentView> create(@PathVariable String orgId, @RequestBody CreateRequest request) {
        OrganizationId organization = organization(orgId);
        if (request == null) {
            throw new InvalidRequestException("validation_failed", "A body is required");
        }
        Payment payment = payments.createCheckout(organization, request.toRequest());
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/organizations/" + organization + "/payments/" + payment.id()))
                .body(PaymentView.of(payment));
    }

    @GetMapping("/api/v1/organizations/{orgId}/payments/{paymentId}")
    PaymentView get(@PathVariable String orgId, @PathVariable String paymentId) {
        OrganizationId organization = organization(orgId);
        PaymentId id = Ids.parse(paymentId, "payment", PaymentId::new);
        return PaymentView.of(payments.get(organization, id));
    }

    private OrganizationId organization(String orgId) {
        OrganizationId id = Ids.parse(orgId, "organization", OrganizationId::new);
        organizations.get(id);
        return id;
    }
}
