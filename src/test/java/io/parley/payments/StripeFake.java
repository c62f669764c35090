package io.parley.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.testing.Fakes;
import java.util.List;

/**
 * Stripe's API on the shared WireMock server, under {@code /stripe}. Each test connects with a secret key of its own,
 * and every stub matches that key's {@code Authorization} header, so tests never see each other's sessions.
 */
final class StripeFake {
    private final String secretKey;

    StripeFake(String secretKey) {
        this.secretKey = secretKey;
    }

    /** {@code POST /v1/checkout/sessions} answers with these responses in order, then keeps the last. */
    void checkoutAnswers(ResponseDefinitionBuilder... responses) {
        String scenario = "stripe-" + secretKey;
        for (int i = 0; i < responses.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "step-" + i;
            String next = i == responses.length - 1 ? state : "step-" + (i + 1);
            Fakes.wiremock()
                    .stubFor(post(urlEqualTo("/stripe/v1/checkout/sessions"))
                            .withHeader("Authorization", equalTo("Bearer " + secretKey))
                            .inScenario(scenario)
                            .whenScenarioStateIs(state)
                            .willSetStateTo(next)
                            .willReturn(responses[i]));
        }
    }

    /** {@code GET /v1/checkout/sessions/{id}} answers {@code sessionJson}. */
    void sessionIs(String sessionId, String sessionJson) {
        Fakes.wiremock()
                .stubFor(get(urlEqualTo("/stripe/v1/checkout/sessions/" + sessionId))
                        .withHeader("Authorization", equalTo("Bearer " + secretKey))
                        .willReturn(okJson(sessionJson)));
    }

    List<LoggedRequest> checkoutRequests() {
        return Fakes.wiremock()
                .findAll(postRequestedFor(urlEqualTo("/stripe/v1/checkout/sessions"))
                        .withHeader("Authorization", equalTo("Bearer " + secretKey)));
    }

    /** Stripe's answer to a created session. */
    static ResponseDefinitionBuilder created(String sessionId) {
        return okJson("""
                {"id": "%s", "object": "checkout.session", "url": "https://checkout.stripe.com/c/pay/%s",
                 "status": "open", "payment_status": "unpaid", "amount_total": 5000, "currency": "eur",
                 "livemode": false, "expires_at": 1790000000}""".formatted(sessionId, sessionId));
    }

    static ResponseDefinitionBuilder error(int status, String type, String code) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                        {"error": {"type": "%s", "code": "%s", "message": "Secret details sk_test_never_logged"}}""".formatted(type, code));
    }
}
