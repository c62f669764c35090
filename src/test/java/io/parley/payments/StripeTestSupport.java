package io.parley.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.StoredEvent;
import io.parley.events.SystemEvents;
import io.parley.payments.internal.webhook.StripeSignature;
import io.parley.platform.OrganizationId;
import io.parley.testing.Api;
import io.parley.testing.Tenants;
import io.parley.testing.TimeTestSupport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

/**
 * An organization connected to the Stripe fake on the frozen clock, with helpers that read like Stripe: a payment
 * with an open Checkout Session, and signed webhook events about it.
 */
@Import(StripeTestSupport.Settled.class)
abstract class StripeTestSupport extends TimeTestSupport {
    /** Every {@link PaymentSettled} the application published (one context for every payments test). */
    @TestConfiguration
    static class Settled {
        static final List<PaymentSettled> EVENTS = new CopyOnWriteArrayList<>();

        @EventListener
        void on(PaymentSettled settled) {
            EVENTS.add(settled);
        }
    }

    protected static List<PaymentSettled> settled(Payment payment) {
        return Settled.EVENTS.stream()
                .filter(e -> e.paymentId().equals(payment.id()))
                .toList();
    }

    @Autowired
    protected Payments payments;

    @Autowired
    protected SystemEvents systemEvents;

    /** A connected organization: its ids, keys and the Stripe fake answering its key. */
    record Shop(String orgId, String integrationId, String secretKey, String webhookSecret, StripeFake stripe) {
        OrganizationId organization() {
            return new OrganizationId(UUID.fromString(orgId));
        }
    }

    protected Shop connectedShop() {
        String org = Tenants.organization(api, "Ink " + UUID.randomUUID());
        String secretKey = "sk_test_" + random();
        String webhookSecret = "whsec_" + random();
        Api.Response connected = connect(org, secretKey, webhookSecret);
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        return new Shop(org, connected.text("id"), secretKey, webhookSecret, new StripeFake(secretKey));
    }

    protected Api.Response connect(String org, String secretKey, String webhookSecret) {
        return api.put(
                "/api/v1/organizations/" + org + "/integrations/stripe",
                "{\"secretKey\": \"" + secretKey + "\", \"webhookSecret\": \"" + webhookSecret + "\"}");
    }

    /** A payment of €50.00 whose Checkout Session {@code sessionId} Stripe created. */
    protected Payment openPayment(Shop shop, String sessionId) {
        shop.stripe().checkoutAnswers(StripeFake.created(sessionId));
        Payment payment = payments.createCheckout(shop.organization(), deposit("ref-" + UUID.randomUUID()));
        time.runDue();
        Payment open = payments.get(shop.organization(), payment.id());
        assertThat(open.status()).as(open.lastError()).isEqualTo(PaymentStatus.OPEN);
        return open;
    }

    protected static PaymentRequest deposit(String reference) {
        return new PaymentRequest(5000, "EUR", "Tattoo deposit", Duration.ofHours(12), null, null, reference);
    }

    /** A {@code checkout.session.*} event about {@code payment}'s session, as Stripe would send it. */
    protected static String event(String eventId, String type, Payment payment, String paymentStatus) {
        return event(eventId, type, payment, paymentStatus, payment.amountMinor());
    }

    protected static String event(String eventId, String type, Payment payment, String paymentStatus, long amount) {
        String status = type.endsWith("expired") ? "expired" : "complete";
        return """
                {"id": "%s", "object": "event", "type": "%s", "livemode": false, "created": 1790000000,
                 "data": {"object": {"id": "%s", "object": "checkout.session", "status": "%s",
                   "payment_status": "%s", "amount_total": %d, "currency": "eur", "livemode": false,
                   "client_reference_id": "%s",
                   "metadata": {"parley_payment_id": "%s", "parley_organization_id": "%s"}}}}""".formatted(
                        eventId,
                        type,
                        payment.checkoutSessionId(),
                        status,
                        paymentStatus,
                        amount,
                        payment.id(),
                        payment.id(),
                        payment.organizationId());
    }

    /** POSTs {@code body} to the shop's endpoint signed now with {@code secret}. */
    protected Api.Response deliver(Shop shop, String body, String secret) {
        return deliverSigned(shop, body, StripeSignature.header(time.now().getEpochSecond(), bytes(body), secret));
    }

    protected Api.Response deliverSigned(Shop shop, String body, String signatureHeader) {
        return api.withToken(null)
                .postRaw(
                        "/webhooks/stripe/" + shop.integrationId(),
                        bytes(body),
                        "Content-Type",
                        "application/json",
                        "Stripe-Signature",
                        signatureHeader);
    }

    protected List<StoredEvent> events(Shop shop, String type) {
        return systemEvents.list(shop.organization(), type, null, 50);
    }

    protected static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    protected static String random() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
