package io.parley.payments;

import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.actionlinks.ActionLinks;
import io.parley.actionlinks.IssuedLink;
import io.parley.testing.Api;
import io.parley.testing.LinkVisitor;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The {@code deposit.pay} action link on the Stripe fake: it sends the customer to the payment's Checkout page, waits
 * (keeping its use) while the session is being created, and says so when the payment is paid or expired. The pages
 * Checkout returns to change nothing.
 */
class DepositPayLinkIntegrationTest extends StripeTestSupport {
    @Autowired
    ActionLinks links;

    LinkVisitor customer;

    @BeforeEach
    void aCustomer() {
        customer = LinkVisitor.of(api);
    }

    @Test
    void should_show_the_amount_and_redirect_303_to_the_checkout_page_when_the_button_is_pressed() {
        Shop shop = connectedShop();
        String session = "cs_test_" + random();
        Payment payment = openPayment(shop, session);
        IssuedLink link = depositLink(shop, payment, 3);

        Api.Response page = customer.open(link.token());
        Api.Response pressed = customer.press(link.token());

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("Pay your deposit")
                .contains("Tattoo deposit: 50.00 EUR")
                .contains("Continue to payment");
        assertThat(pressed.status()).isEqualTo(303);
        assertThat(pressed.raw().headers().firstValue("Location"))
                .contains("https://checkout.stripe.com/c/pay/" + session);
        assertThat(links.peek(link.token()).orElseThrow().uses()).isEqualTo(1);
        assertThat(payments.get(shop.organization(), payment.id()).status()).isEqualTo(PaymentStatus.OPEN);
    }

    @Test
    void should_ask_to_try_again_and_keep_the_use_until_the_checkout_session_exists() {
        Shop shop = connectedShop();
        String session = "cs_test_" + random();
        // Stripe fails the first attempt (a retry later), so no session exists whenever the job runs first.
        shop.stripe().checkoutAnswers(StripeFake.error(500, "api_error", "internal"), StripeFake.created(session));
        Payment payment = payments.createCheckout(shop.organization(), deposit("ref-" + UUID.randomUUID()));
        IssuedLink link = depositLink(shop, payment, 1);
        time.runDue();

        Api.Response early = customer.press(link.token());

        assertThat(early.status()).isEqualTo(503);
        assertThat(early.raw().headers().firstValue("Retry-After")).contains("5");
        assertThat(early.body()).contains("We are preparing your payment. Please try again in a moment.");
        assertProblem(customer.pressAsJson(link.token()), 503, "payment_not_ready");
        assertThat(links.peek(link.token()).orElseThrow().uses()).isZero();

        time.advance(java.time.Duration.ofMinutes(10)); // the retry
        Api.Response ready = customer.press(link.token());

        assertThat(ready.status()).isEqualTo(303);
        assertThat(ready.raw().headers().firstValue("Location"))
                .contains("https://checkout.stripe.com/c/pay/" + session);
        assertThat(customer.press(link.token()).status()).isEqualTo(410);
    }

    @Test
    void should_say_the_deposit_is_paid_already_when_the_payment_is_paid() {
        Shop shop = connectedShop();
        Payment payment = openPayment(shop, "cs_test_" + random());
        IssuedLink link = depositLink(shop, payment, 3);
        deliver(shop, event("evt_" + random(), "checkout.session.completed", payment, "paid"), shop.webhookSecret());

        Api.Response pressed = customer.press(link.token());

        assertThat(pressed.status()).isEqualTo(200);
        assertThat(pressed.body()).contains("This deposit is paid already.");
        assertThat(shop.stripe().checkoutRequests()).hasSize(1);
    }

    @Test
    void should_say_the_payment_expired_and_keep_the_use_when_stripe_expired_the_session() {
        Shop shop = connectedShop();
        Payment payment = openPayment(shop, "cs_test_" + random());
        IssuedLink link = depositLink(shop, payment, 1);
        deliver(shop, event("evt_" + random(), "checkout.session.expired", payment, "unpaid"), shop.webhookSecret());

        Api.Response pressed = customer.press(link.token());

        assertThat(pressed.status()).isEqualTo(409);
        assertThat(pressed.body()).contains("This payment link has expired.");
        assertProblem(customer.pressAsJson(link.token()), 409, "payment_expired");
        assertThat(links.peek(link.token()).orElseThrow().uses()).isZero();
    }

    @Test
    void should_show_the_return_pages_and_change_nothing() {
        Shop shop = connectedShop();
        String session = "cs_test_" + random();
        Payment payment = openPayment(shop, session);
        Api visitor = api.withToken(null);

        Api.Response done = visitor.getRaw("/pay/done?session_id=" + session);
        Api.Response cancelled = visitor.getRaw("/pay/cancelled");

        assertThat(done.status()).isEqualTo(200);
        assertThat(done.body()).contains("Thank you").doesNotContain(session);
        assertThat(done.raw().headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.body()).contains("Payment cancelled");
        Payment after = payments.get(shop.organization(), payment.id());
        assertThat(after.status()).isEqualTo(PaymentStatus.OPEN);
        assertThat(settled(payment)).isEmpty();
        assertThat(events(shop, "payment.paid")).isEmpty();
    }

    private IssuedLink depositLink(Shop shop, Payment payment, int maxUses) {
        return links.issue(
                shop.organization(), "deposit.pay", payment.id().toString(), Map.of(), Duration.ofHours(12), maxUses);
    }
}
