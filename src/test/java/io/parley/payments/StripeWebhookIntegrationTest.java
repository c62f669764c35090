package io.parley.payments;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.events.StoredEvent;
import io.parley.payments.internal.webhook.StripeSignature;
import io.parley.testing.Api;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The signed Stripe webhook: signatures, secret roll, dedup, forward-only moves, mismatches. */
class StripeWebhookIntegrationTest extends StripeTestSupport {

    @Test
    void should_mark_the_payment_paid_and_publish_it_once_when_checkout_completes() {
        Shop shop = connectedShop();
        Payment payment = openPayment(shop, "cs_test_" + random());

        Api.Response response = deliver(
                shop, event("evt_" + random(), "checkout.session.completed", payment, "paid"), shop.webhookSecret());

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(payments.get(shop.organization(), payment.id()).status()).isEqualTo(PaymentStatus.PAID);
        assertThat(events(shop, "payment.paid")).hasSize(1);
        assertThat(settled(payment)).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(PaymentStatus.PAID);
            assertThat(e.late()).isFalse();
            assertThat(e.reference()).isEqualTo(payment.reference());
        });
    }

    @Test
    void should_answer_400_and_change_nothing_when_signed_with_another_secret() {
        Shop shop = connectedShop();
        Payment payment = openPayment(shop, "cs_test_" + random());

        Api.Response response = deliver(
                shop, event("evt_" + random(), "checkout.session.completed", payment, "paid"), "whsec_" + random());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("code")).isEqualTo("stripe_signature_invalid");
        assertThat(payments.get(shop.organization(), payment.id()).status()).isEqualTo(PaymentStatus.OPEN);
        assertThat(events(shop, "stripe.signature_verification_failure")).hasSize(1);
    }

    @Test
    void should_answer_400_when_the_timestamp_is_301_seconds_old_or_ahead_and_200_at_300() {
        Shop shop = connectedShop();
        Payment payment = openPayment(shop, "cs_test_" + random());
        String body = event("evt_" + random(), "checkout.session.completed", payment, "paid");
        long now = time.now().getEpochSecond();

        assertThat(deliverSigned(shop, body, StripeSignature.header(now - 301, bytes(body), shop.webhookSecret()))
                        .status())
                .isEqualTo(400);
        assertThat(deliverSigned(shop, body, StripeSignature.header(now + 301, bytes(body), shop.webhookSecret()))
                        .status())
                .isEqualTo(400);
        assertThat(payments.get(shop.organization(), payment.id()).status()).isEqualTo(PaymentStatus.OPEN);
        assertThat(deliverSigned(shop, body, StripeSignature.header(now - 300, bytes(body), shop.webhookSecret()))
                        .status())
                .isEqualTo(200);
        assertThat(payments.get(shop.organization(), payment.id()).status()).isEqualTo(PaymentStatus.PAID);
    }

    @Test
    void should_accept_a_header_with_two_v1_signatures_when_one_of_them_matches() {
        Shop shop = connectedShop();
        Payment payment = openPayment(shop, "cs_test_" + random());
        String body = event("evt_" + random(), "checkout.session.completed", payment, "paid");
        long now = time.now().getEpochSecond();
        String wrong = StripeSignature.header(now, bytes(body), "whsec_" + random());
        String right = StripeSignature.header(now, bytes(body), shop.webhookSecret());
        String header = wrong + "," + right.substring(right.indexOf("v1=")) + ",v0=" + "0".repeat(64);

        assertThat(deliverSigned(shop, body, header).status()).isEqualTo(200);
        assertThat(payments.get(shop.organization(), payment.id()).status()).isEqualTo(PaymentStatus.PAID);
    }

    @Test
    void should_accept_the_previous_secret_during_the_roll_and_refuse_it_after() {
        Shop shop = connectedShop();
        Payment first = openPayment(shop, "cs_test_" + random());
        Payment second = openPayment(shop, "cs_test_" + random());
        String rolled = "whsec_" + random();
        assertThat(connect(shop.orgId(), shop.secretKey(), rolled).status()).isEqualTo(200);

        assertThat(deliver(
                                shop,
                                event("evt_" + random(), "checkout.session.completed", first, "paid"),
                                shop.webhookSecret())
                        .status())
                .as("old secret within the roll period")
                .isEqualTo(200);
        time.advance(Duration.ofHours(24).plusSeconds(1));
        String late = event("evt_" + random(), "checkout.session.completed", second, "paid");

        assertThat(deliver(shop, late, shop.webhookSecret()).status())
                .as("old secret after the roll period")
                .isEqualTo(400);
        assertThat(deliver(shop, late, rolled).status()).as("new secret").isEqualTo(200);
        assertThat(payments.get(shop.organization(), first.id()).status()).isEqualTo(PaymentStatus.PAID);
        assertThat(payments.get(shop.organization(), second.id()).status()).isEqualTo(PaymentStatus.PAID);
    }

    @Test
    void should_process_a_redelivered_event_once() {
        Shop shop = connectedShop();
        Payment payment = openPayment(shop, "cs_test_" + random());
        String body = event("evt_" + random(), "checkout.session.completed", payment, "paid");

        assertThat(deliver(shop, body, shop.webhookSecret()).status()).isEqualTo(200);
        assertThat(deliver(shop, body, shop.webhookSecret()).status()).isEqualTo(200);

        assertThat(events(shop, "payment.paid")).hasSize(1);
        assertThat(settled(payment)).hasSize(1);
        assertThat(storedEvents(shop)).isEqualTo(1);
    }

    @Test
    void should_move_once_when_the_same_event_arrives_four_times_at_once() throws Exception {
        Shop shop = connectedShop();
        Payment payment = openPayment(shop, "cs_test_" + random());
        String body = event("evt_" + random(), "checkout.session.completed", payment, "paid");
        String header = StripeSignature.header(time.now().getEpochSecond(), bytes(body), shop.webhookSecret());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return deliverSigned(shop, body, header).status();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        }

        assertThat(events(shop, "payment.paid")).hasSize(1);
        assertThat(settled(payment)).hasSize(1);
        assertThat(storedEvents(shop)).isEqualTo(1);
        assertThat(payments.get(shop.organization(), payment.id()).status()).isEqualTo(PaymentStatus.PAID);
    }

    @Test
    void should_report_a_late_payment_when_completed_arrives_after_expired_and_never_move_back() {
        Shop shop = connectedShop();
        Payment payment = openPayment(shop, "cs_test_" + random());

        deliver(shop, event("evt_" + random(), "checkout.session.expired", payment, "unpaid"), shop.webhookSecret());
        assertThat(payments.get(shop.organization(), payment.id()).status()).isEqualTo(PaymentStatus.EXPIRED);
        deliver(shop, event("evt_" + random(), "checkout.session.completed", payment, "paid"), shop.webhookSecret());
        deliver(shop, event("evt_" + random(), "checkout.session.expired", payment, "unpaid"), shop.webhookSecret());

        Payment after = payments.get(shop.organization(), payment.id());
        assertThat(after.status()).isEqualTo(PaymentStatus.PAID);
        assertThat(after.late()).isTrue();
        assertThat(events(shop, "payment.expired")).hasSize(1);
        assertThat(events(shop, "payment.paid_late"))
                .singleElement()
                .satisfies(e -> assertThat(e.event().level()).isEqualTo(io.parley.events.SystemEvent.Level.WARN));
        assertThat(settled(payment))
                .extracting(PaymentSettled::status, PaymentSettled::late)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(PaymentStatus.EXPIRED, false),
                        org.assertj.core.groups.Tuple.tuple(PaymentStatus.PAID, true));
    }

    @Test
    void should_wait_for_the_async_result_when_completed_is_unpaid() {
        Shop shop = connectedShop();
        Payment payment = openPayment(shop, "cs_test_" + random());

        deliver(shop, event("evt_" + random(), "checkout.session.completed", payment, "unpaid"), shop.webhookSecret());
        assertThat(payments.get(shop.organization(), payment.id()).status()).isEqualTo(PaymentStatus.OPEN);
        deliver(
                shop,
                event("evt_" + random(), "checkout.session.async_payment_failed", payment, "unpaid"),
                shop.webhookSecret());

        assertThat(payments.get(shop.organization(), payment.id()).status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(events(shop, "payment.failed")).hasSize(1);
    }

    @Test
    void should_record_an_error_and_change_nothing_when_the_amount_or_organization_does_not_match() {
        Shop shop = connectedShop();
        Shop other = connectedShop();
        Payment payment = openPayment(shop, "cs_test_" + random());

        deliver(
                shop,
                event("evt_" + random(), "checkout.session.completed", payment, "paid", 100),
                shop.webhookSecret());
        String foreign = event("evt_" + random(), "checkout.session.completed", payment, "paid")
                .replace(payment.organizationId().toString(), other.orgId());
        deliver(shop, foreign, shop.webhookSecret());

        assertThat(payments.get(shop.organization(), payment.id()).status()).isEqualTo(PaymentStatus.OPEN);
        List<StoredEvent> mismatches = events(shop, "payment.mismatch");
        assertThat(mismatches)
                .extracting(e -> e.event().payload().get("fields"))
                .containsExactlyInAnyOrder("amount_total", "metadata.parley_organization_id");
        assertThat(mismatches)
                .allSatisfy(e -> assertThat(e.event().level()).isEqualTo(io.parley.events.SystemEvent.Level.ERROR));
        assertThat(settled(payment)).isEmpty();
    }

    @Test
    void should_answer_404_when_the_integration_is_unknown_and_ignore_other_event_types() {
        Shop shop = connectedShop();
        Payment payment = openPayment(shop, "cs_test_" + random());
        String body = "{\"id\": \"evt_" + random() + "\", \"type\": \"customer.created\", \"data\": {\"object\": {}}}";

        Api.Response unknown = api.withToken(null)
                .postRaw(
                        "/webhooks/stripe/" + java.util.UUID.randomUUID(),
                        bytes(body),
                        "Stripe-Signature",
                        "t=1,v1=00");
        Api.Response ignored = deliver(shop, body, shop.webhookSecret());

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(ignored.status()).isEqualTo(200);
        assertThat(payments.get(shop.organization(), payment.id()).status()).isEqualTo(PaymentStatus.OPEN);
    }

    private int storedEvents(Shop shop) {
        return jdbc.sql("select count(*) from stripe_events where organization_id = :org")
                .param("org", shop.organization().value())
                .query(Integer.class)
                .single();
    }
}
