package io.parley.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.channels.whatsapp.WhatsAppPayloads;
import io.parley.flows.FlowCalls;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.LinkVisitor;
import io.parley.testing.ParleyTestContext;
import io.parley.testing.Tenants;
import io.parley.testing.Webhooks;
import io.parley.testing.WhatsAppChat;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A flow's {@code payment} step end to end: the contact's messages through the signed WhatsApp webhook and the turn
 * job, the Checkout Session created on the Stripe fake with an idempotency key, the link an action link that leads to
 * Checkout, and Stripe's signed {@code checkout.session.completed} moving the flow to its booking — once, even when
 * Stripe delivers the event again.
 */
class FlowDepositIntegrationTest extends StripeTestSupport {
    private static final Pattern LINK = Pattern.compile("https?://[^ ]+/a/([A-Za-z0-9_-]{43})$");
    private static final String FLOW = """
            key: deposit
            steps:
              - {id: welcome, ask: {text: "Book with a deposit?", buttons: ["Yes", "No"]}, parse: yes_no, store: wants,
                 set_status: qualified, next: [{if: answers.wants, then: deposit}, {else: [{end: {status: lost}, say: "OK!"}]}]}
              - {id: deposit, payment: {amount_minor: 5000, currency: eur, label: Tattoo deposit, expires_in: 12h},
                 say: "Pay the deposit: {{payment.link}}", set_status: awaiting_deposit,
                 on: {paid: booked, expired: gone, failed: gone}}
              - {id: gone, end: {status: lost}, say: "The link expired."}
              - {id: booked, end: {status: booked}, say: "Deposit received, you are booked."}
            """;

    @Test
    void a_paid_deposit_books_once_even_when_stripe_delivers_twice() {
        Tenants.WhatsAppBot bot = Tenants.offlineBot(api, "[]");
        GraphFake.acceptStructuredSends(bot.phoneNumberId());
        String secretKey = "sk_test_" + random();
        String webhookSecret = "whsec_" + random();
        Api.Response connected = connect(bot.organizationId(), secretKey, webhookSecret);
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        Shop shop = new Shop(
                bot.organizationId(), connected.text("id"), secretKey, webhookSecret, new StripeFake(secretKey));
        shop.stripe().checkoutAnswers(StripeFake.created("cs_test_flow_1"));
        FlowCalls flows = new FlowCalls(api, ParleyTestContext.ADMIN_TOKEN);
        assertThat(flows.putYaml(bot.chatbotId(), "deposit", FLOW).status()).isEqualTo(201);
        api.post(FlowCalls.path(bot.chatbotId(), "deposit") + "/publish", "");
        assertThat(api.patch("/api/v1/chatbots/" + bot.chatbotId(), "{\"engine\": \"flow\", \"flowKey\": \"deposit\"}")
                        .status())
                .isEqualTo(200);
        String waId = "3460" + (100000 + (int) (Math.random() * 800000));

        say(bot, waId, "Hi");
        assertThat(texts(bot, waId)).containsExactly("Book with a deposit?");
        say(bot, waId, "yes");
        List<String> sent = texts(bot, waId);
        assertThat(sent).hasSize(2);
        Matcher link = LINK.matcher(sent.get(1));
        assertThat(link.find()).as(sent.get(1)).isTrue();
        assertThat(sent.get(1)).startsWith("Pay the deposit: ");

        time.runDue(); // the stripe-checkout job creates the session
        List<LoggedRequest> checkouts = shop.stripe().checkoutRequests();
        assertThat(checkouts).hasSize(1);
        assertThat(checkouts.getFirst().getHeader("Idempotency-Key")).isNotBlank();
        String conversation = WhatsAppChat.start(api, bot, waId).conversationId();
        Payment payment = payments.get(
                shop.organization(),
                new PaymentId(jdbc.sql("select id from payments where conversation_id = :c")
                        .param("c", UUID.fromString(conversation))
                        .query(UUID.class)
                        .single()));
        assertThat(payment.status()).isEqualTo(PaymentStatus.OPEN);
        assertThat(lead(conversation)).isEqualTo("awaiting_deposit");

        Api.Response visit = LinkVisitor.of(api).press(link.group(1));
        assertThat(visit.status()).isEqualTo(303);
        assertThat(visit.raw().headers().firstValue("Location"))
                .hasValue("https://checkout.stripe.com/c/pay/cs_test_flow_1");

        String paid = event("evt_flow_paid_1", "checkout.session.completed", payment, "paid");
        assertThat(deliver(shop, paid, webhookSecret).status()).isEqualTo(200);
        time.advance(Duration.ofSeconds(1));
        paceOut();
        assertThat(texts(bot, waId)).last().isEqualTo("Deposit received, you are booked.");
        assertThat(lead(conversation)).isEqualTo("booked");

        assertThat(deliver(shop, paid, webhookSecret).status()).isEqualTo(200);
        time.advance(Duration.ofSeconds(1));
        paceOut();
        assertThat(texts(bot, waId)).hasSize(3);
        assertThat(jdbc.sql("select step_id from flow_states where conversation_id = :c")
                        .param("c", UUID.fromString(conversation))
                        .query(String.class)
                        .single())
                .isEqualTo("END");
    }

    private void say(Tenants.WhatsAppBot bot, String waId, String text) {
        Api.Response ack = Webhooks.post(
                api,
                WhatsAppPayloads.stampedAt(
                        WhatsAppPayloads.textWithProfile(
                                bot.phoneNumberId(), waId, "Ana Ruiz", WhatsAppPayloads.newWamid(), text),
                        time.now()),
                bot.appSecret());
        assertThat(ack.status()).isEqualTo(200);
        time.advance(DEBOUNCE);
        paceOut();
    }

    /** Lets paced sends go out (a contact gets 3 messages at once, then one per 6 s). */
    private void paceOut() {
        for (int i = 0; i < 3; i++) {
            time.advance(Duration.ofSeconds(7));
        }
    }

    private static List<String> texts(Tenants.WhatsAppBot bot, String waId) {
        return GraphFake.messageSends(bot.phoneNumberId()).stream()
                .map(request -> Api.json().readTree(request.getBodyAsString()))
                .filter(body -> waId.equals(body.path("to").asString()))
                .map(body -> body.path("type").asString().equals("interactive")
                        ? body.path("interactive").path("body").path("text").asString()
                        : body.path("text").path("body").asString())
                .toList();
    }

    private String lead(String conversation) {
        return jdbc.sql("select status from flow_leads where conversation_id = :c")
                .param("c", UUID.fromString(conversation))
                .query(String.class)
                .single();
    }
}
