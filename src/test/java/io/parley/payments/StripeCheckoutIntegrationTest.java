package io.parley.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.payments.internal.checkout.CheckoutJob;
import io.parley.platform.ConflictException;
import io.parley.testing.Api;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Creating Checkout Sessions on the Stripe fake: the form, the Idempotency-Key, retries, refusals, the sweep. */
class StripeCheckoutIntegrationTest extends StripeTestSupport {
    @Test
    void should_post_the_form_and_idempotency_key_stripe_expects_when_a_payment_is_created() {
        Shop shop = connectedShop();
        String session = "cs_test_" + random();
        shop.stripe().checkoutAnswers(StripeFake.created(session));
        Instant now = time.now();

        Payment created = payments.createCheckout(shop.organization(), deposit("booking-42/deposit"));
        assertThat(created.status()).isEqualTo(PaymentStatus.CREATED);
        assertThat(created.url()).isNull();
        time.runDue();

        LoggedRequest request = shop.stripe().checkoutRequests().getFirst();
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo("parley-payment-" + created.id() + "-1");
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.getBodyAsString())
                .startsWith(
                        "mode=payment&line_items[0][price_data][currency]=eur&line_items[0][price_data][unit_amount]=5000");
        Map<String, String> form = form(request.getBodyAsString());
        String id = created.id().toString();
        assertThat(form)
                .containsEntry("mode", "payment")
                .containsEntry("line_items[0][price_data][currency]", "eur")
                .containsEntry("line_items[0][price_data][unit_amount]", "5000")
                .containsEntry("line_items[0][price_data][product_data][name]", "Tattoo deposit")
                .containsEntry("line_items[0][quantity]", "1")
                .containsEntry("success_url", "http://localhost:" + port + "/pay/done?session_id={CHECKOUT_SESSION_ID}")
                .containsEntry("cancel_url", "http://localhost:" + port + "/pay/cancelled")
                .containsEntry(
                        "expires_at",
                        Long.toString(now.plus(Duration.ofHours(12)).getEpochSecond()))
                .containsEntry("client_reference_id", id)
                .containsEntry("metadata[parley_payment_id]", id)
                .containsEntry("metadata[parley_organization_id]", shop.orgId())
                .containsEntry("payment_intent_data[metadata][parley_payment_id]", id);
        Payment open = payments.get(shop.organization(), created.id());
        assertThat(open.status()).isEqualTo(PaymentStatus.OPEN);
        assertThat(open.url()).isEqualTo("https://checkout.stripe.com/c/pay/" + session);
        assertThat(open.checkoutSessionId()).isEqualTo(session);
    }

    @Test
    void should_create_a_payment_through_the_api_and_show_its_checkout_url() {
        Shop shop = connectedShop();
        String session = "cs_test_" + random();
        shop.stripe().checkoutAnswers(StripeFake.created(session));
        String payments = "/api/v1/organizations/" + shop.orgId() + "/payments";

        Api.Response created = api.post(
                payments,
                "{\"amountMinor\": 5000, \"currency\": \"eur\", \"label\": \"Tattoo deposit\", \"reference\": \"manual-1\"}");
        Api.Response invalid = api.post(
                payments, "{\"amountMinor\": 0, \"currency\": \"eur\", \"label\": \"x\", \"reference\": \"r\"}");
        time.runDue();

        assertThat(created.status()).as(created.body()).isEqualTo(202);
        assertThat(created.text("status")).isEqualTo("created");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.text("code")).isEqualTo("validation_failed");
        Api.Response shown = api.get(payments + "/" + created.text("id"));
        assertThat(shown.text("status")).isEqualTo("open");
        assertThat(shown.text("url")).isEqualTo("https://checkout.stripe.com/c/pay/" + session);
        assertThat(form(shop.stripe().checkoutRequests().getFirst().getBodyAsString()))
                .containsEntry(
                        "expires_at",
                        Long.toString(time.now().plus(Duration.ofMinutes(60)).getEpochSecond()));
    }

    @Test
    void should_answer_409_when_the_organization_has_not_connected_stripe() {
        String org = io.parley.testing.Tenants.organization(api, "No Stripe " + UUID.randomUUID());

        Api.Response refused = api.post(
                "/api/v1/organizations/" + org + "/payments",
                "{\"amountMinor\": 5000, \"currency\": \"eur\", \"label\": \"Deposit\", \"reference\": \"r1\"}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("code")).isEqualTo("stripe_not_connected");
    }

    @Test
    void should_return_the_same_payment_and_create_one_session_when_called_again_with_the_reference() {
        Shop shop = connectedShop();
        shop.stripe().checkoutAnswers(StripeFake.created("cs_test_" + random()));

        Payment first = payments.createCheckout(shop.organization(), deposit("run-1/deposit"));
        Payment again = payments.createCheckout(shop.organization(), deposit("run-1/deposit"));
        time.runDue();

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(shop.stripe().checkoutRequests()).hasSize(1);
        assertThatThrownBy(() -> payments.createCheckout(
                        shop.organization(),
                        new PaymentRequest(
                                9900, "eur", "Tattoo deposit", Duration.ofHours(12), null, null, "run-1/deposit")))
                .isInstanceOf(ConflictException.class);
    }

    @Test
    void should_retry_with_a_new_idempotency_key_when_stripe_answers_500_then_succeed() {
        Shop shop = connectedShop();
        String session = "cs_test_" + random();
        shop.stripe().checkoutAnswers(StripeFake.error(500, "api_error", ""), StripeFake.created(session));

        Payment payment = payments.createCheckout(shop.organization(), deposit("ref-" + UUID.randomUUID()));
        time.runDue();
        assertThat(payments.get(shop.organization(), payment.id()).status()).isEqualTo(PaymentStatus.CREATED);
        Instant retryAt =
                time.scheduled(CheckoutJob.TASK, payment.id().toString()).orElseThrow();
        assertThat(Duration.between(time.now(), retryAt)).isBetween(Duration.ofMillis(1600), Duration.ofMillis(2400));
        time.advance(Duration.ofSeconds(3));

        assertThat(shop.stripe().checkoutRequests())
                .extracting(r -> r.getHeader("Idempotency-Key"))
                .containsExactlyInAnyOrder(
                        "parley-payment-" + payment.id() + "-1", "parley-payment-" + payment.id() + "-2");
        Payment open = payments.get(shop.organization(), payment.id());
        assertThat(open.status()).isEqualTo(PaymentStatus.OPEN);
        assertThat(open.checkoutSessionId()).isEqualTo(session);
        assertThat(events(shop, "payment.checkout_failed")).isEmpty();
    }

    @Test
    void should_fail_at_once_with_an_error_event_and_no_retry_when_stripe_answers_400() {
        Shop shop = connectedShop();
        shop.stripe().checkoutAnswers(StripeFake.error(400, "invalid_request_error", "parameter_invalid_integer"));

        Payment payment = payments.createCheckout(shop.organization(), deposit("ref-" + UUID.randomUUID()));
        time.runDue();
        time.advance(Duration.ofMinutes(5));

        Payment failed = payments.get(shop.organization(), payment.id());
        assertThat(failed.status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(failed.lastError())
                .contains("400", "parameter_invalid_integer")
                .doesNotContain("sk_test");
        assertThat(shop.stripe().checkoutRequests()).hasSize(1);
        assertThat(events(shop, "payment.checkout_failed"))
                .singleElement()
                .satisfies(e -> assertThat(e.event().level()).isEqualTo(io.parley.events.SystemEvent.Level.ERROR));
        assertThat(settled(payment)).extracting(PaymentSettled::status).containsExactly(PaymentStatus.FAILED);
    }

    @Test
    void should_give_up_after_the_retries_when_stripe_keeps_answering_503() {
        Shop shop = connectedShop();
        shop.stripe().checkoutAnswers(StripeFake.error(503, "api_error", ""));

        Payment payment = payments.createCheckout(shop.organization(), deposit("ref-" + UUID.randomUUID()));
        for (int i = 0; i < 6; i++) {
            time.advance(Duration.ofMinutes(1));
        }

        assertThat(payments.get(shop.organization(), payment.id()).status()).isEqualTo(PaymentStatus.FAILED);
        assertThat(shop.stripe().checkoutRequests()).hasSize(5);
        assertThat(events(shop, "payment.checkout_failed")).hasSize(1);
    }

    @Test
    void should_mark_paid_when_the_sweep_finds_a_paid_session_whose_webhook_never_came() {
        Shop shop = connectedShop();
        String session = "cs_test_" + random();
        Payment payment = openPayment(shop, session);
        shop.stripe().sessionIs(session, """
                {"id": "%s", "object": "checkout.session", "status": "complete", "payment_status": "paid",
                 "amount_total": 5000, "currency": "eur", "livemode": false, "client_reference_id": "%s",
                 "metadata": {"parley_payment_id": "%s", "parley_organization_id": "%s"}}""".formatted(session, payment.id(), payment.id(), shop.orgId()));

        time.advance(Duration.ofMinutes(20));
        assertThat(payments.get(shop.organization(), payment.id()).status())
                .as("not yet older than sweep-after")
                .isEqualTo(PaymentStatus.OPEN);
        time.advance(Duration.ofMinutes(20));

        assertThat(payments.get(shop.organization(), payment.id()).status()).isEqualTo(PaymentStatus.PAID);
        assertThat(events(shop, "payment.paid"))
                .singleElement()
                .satisfies(e -> assertThat(e.event().payload()).containsEntry("source", "sweep"));
    }

    @Test
    void should_mark_expired_when_the_sweep_finds_an_expired_session() {
        Shop shop = connectedShop();
        String session = "cs_test_" + random();
        Payment payment = openPayment(shop, session);
        shop.stripe().sessionIs(session, """
                {"id": "%s", "object": "checkout.session", "status": "expired", "payment_status": "unpaid",
                 "amount_total": 5000, "currency": "eur", "livemode": false, "client_reference_id": "%s",
                 "metadata": {"parley_payment_id": "%s", "parley_organization_id": "%s"}}""".formatted(session, payment.id(), payment.id(), shop.orgId()));

        time.advance(Duration.ofMinutes(40));

        assertThat(payments.get(shop.organization(), payment.id()).status()).isEqualTo(PaymentStatus.EXPIRED);
        assertThat(settled(payment)).extracting(PaymentSettled::status).containsExactly(PaymentStatus.EXPIRED);
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : List.of(body.split("&"))) {
            int eq = pair.indexOf('=');
            form.put(
                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return form;
    }
}
