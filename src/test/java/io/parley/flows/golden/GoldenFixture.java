package io.parley.flows.golden;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.payments.internal.webhook.StripeSignature;
import io.parley.testing.Api;
import io.parley.testing.Fakes;
import io.parley.testing.Tenants;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code tattoo_studio} fixture of spec §5 on the wire: the golden's action stubs served by an HTTP tool server
 * on WireMock (tools {@code calendar_find_slots}, {@code calendar_hold}, enabled for the chatbot), its {@code llm}
 * stubs answered by the model fake, and the organization connected to the Stripe fake, whose signed events the
 * golden's {@code stripe} inputs deliver.
 */
final class GoldenFixture {
    private final Api api;
    private final JdbcClient jdbc;
    private final String integrationId;
    private final String secretKey;
    private final String webhookSecret;
    private String lastEvent;
    private int events;

    private GoldenFixture(Api api, JdbcClient jdbc, String integrationId, String secretKey, String webhookSecret) {
        this.api = api;
        this.jdbc = jdbc;
        this.integrationId = integrationId;
        this.secretKey = secretKey;
        this.webhookSecret = webhookSecret;
    }

    static GoldenFixture tattooStudio(Api api, JdbcClient jdbc, Tenants.WhatsAppBot bot, Golden golden) {
        List<String> actions = golden.stubs().keySet().stream()
                .filter(name -> !name.equals("llm"))
                .toList();
        if (!actions.isEmpty()) {
            tools(api, bot, golden, actions);
        }
        if (golden.stubs().get("llm") instanceof Map<?, ?> steps) {
            steps.values().forEach(value -> bot.llm().replies(Api.json().writeValueAsString(value)));
        }
        String secretKey = "sk_test_" + UUID.randomUUID().toString().replace("-", "");
        String webhookSecret = "whsec_" + UUID.randomUUID().toString().replace("-", "");
        Api.Response connected = api.put(
                "/api/v1/organizations/" + bot.organizationId() + "/integrations/stripe",
                "{\"secretKey\": \"" + secretKey + "\", \"webhookSecret\": \"" + webhookSecret + "\"}");
        assertThat(connected.status()).as(connected.body()).isEqualTo(200);
        String session = "cs_test_" + UUID.randomUUID().toString().replace("-", "");
        Fakes.wiremock()
                .stubFor(post(urlEqualTo("/stripe/v1/checkout/sessions"))
                        .withHeader("Authorization", equalTo("Bearer " + secretKey))
                        .willReturn(okJson("""
                                {"id": "%s", "object": "checkout.session",
                                 "url": "https://checkout.stripe.com/c/pay/%s", "status": "open",
                                 "payment_status": "unpaid", "amount_total": 5000, "currency": "eur",
                                 "livemode": false, "expires_at": 1790000000}""".formatted(session, session))));
        return new GoldenFixture(api, jdbc, connected.text("id"), secretKey, webhookSecret);
    }

    private static void tools(Api api, Tenants.WhatsAppBot bot, Golden golden, List<String> actions) {
        String server = "/golden-tools-" + UUID.randomUUID();
        StringBuilder list = new StringBuilder("{\"tools\": [");
        for (int i = 0; i < actions.size(); i++) {
            String tool = actions.get(i).replace('.', '_');
            list.append(i == 0 ? "" : ",")
                    .append("{\"name\": \"")
                    .append(tool)
                    .append("\", \"description\": \"")
                    .append(actions.get(i))
                    .append("\", \"input_schema\": {\"type\": \"object\", \"properties\": {}}}");
            Fakes.wiremock()
                    .stubFor(post(urlEqualTo(server + "/tools/" + tool))
                            .willReturn(okJson(
                                    Api.json().writeValueAsString(golden.stubs().get(actions.get(i))))));
        }
        Fakes.wiremock().stubFor(get(urlEqualTo(server + "/tools")).willReturn(okJson(list + "]}")));
        Api.Response source = api.post(
                "/api/v1/organizations/" + bot.organizationId() + "/tools",
                "{\"type\": \"http\", \"name\": \"Calendar\", \"url\": \"" + Fakes.baseUrl() + server + "\"}");
        assertThat(source.status()).as(source.body()).isEqualTo(201);
        Api.Response enabled = api.put(
                "/api/v1/chatbots/" + bot.chatbotId() + "/tools",
                "{\"builtins\": [], \"sources\": [\"" + source.json().path("id").asString() + "\"]}");
        assertThat(enabled.status()).as(enabled.body()).isEqualTo(200);
    }

    /** A golden's {@code stripe} input: a signed event about the conversation's payment, or the last one again. */
    void stripe(Object input, String conversationId, Instant now) {
        String body;
        if ("redeliver_last".equals(input)) {
            body = lastEvent;
        } else {
            Map<?, ?> event = (Map<?, ?>) input;
            Map<String, Object> payment = jdbc.sql("""
                            select id, organization_id, amount_minor, checkout_session_id from payments
                            where conversation_id = :c order by created_at desc limit 1""")
                    .param("c", UUID.fromString(conversationId))
                    .query()
                    .singleRow();
            String type = String.valueOf(event.get("type"));
            body = """
                    {"id": "evt_golden_%d_%s", "object": "event", "type": "%s", "livemode": false, "created": %d,
                     "data": {"object": {"id": "%s", "object": "checkout.session", "status": "%s",
                       "payment_status": "%s", "amount_total": %s, "currency": "eur", "livemode": false,
                       "client_reference_id": "%s",
                       "metadata": {"parley_payment_id": "%s", "parley_organization_id": "%s"}}}}""".formatted(
                            ++events,
                            UUID.randomUUID().toString().substring(0, 8),
                            type,
                            now.getEpochSecond(),
                            payment.get("checkout_session_id"),
                            type.endsWith("expired") ? "expired" : "complete",
                            event.get("payment_status") == null ? "paid" : event.get("payment_status"),
                            payment.get("amount_minor"),
                            payment.get("id"),
                            payment.get("id"),
                            payment.get("organization_id"));
        }
        lastEvent = body;
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Api.Response delivered = api.withToken(null)
                .postRaw(
                        "/webhooks/stripe/" + integrationId,
                        bytes,
                        "Content-Type",
                        "application/json",
                        "Stripe-Signature",
                        StripeSignature.header(now.getEpochSecond(), bytes, webhookSecret));
        assertThat(delivered.status()).as(delivered.body()).isEqualTo(200);
    }

    /** What the golden's {@code expect.stripe} reads: sessions created on the fake, and whether each had a key. */
    Map<String, Object> stripeObserved() {
        var requests = Fakes.wiremock()
                .findAll(postRequestedFor(urlEqualTo("/stripe/v1/checkout/sessions"))
                        .withHeader("Authorization", equalTo("Bearer " + secretKey)));
        Map<String, Object> observed = new LinkedHashMap<>();
        observed.put("checkout_sessions_created", requests.size());
        observed.put(
                "idempotency_key",
                !requests.isEmpty() && requests.stream().allMatch(r -> r.containsHeader("Idempotency-Key"))
                        ? "present"
                        : "absent");
        return observed;
    }
}
