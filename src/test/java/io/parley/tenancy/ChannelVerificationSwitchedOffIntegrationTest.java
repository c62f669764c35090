package io.parley.tenancy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** {@code PARLEY_WHATSAPP_VERIFYONCONNECT=false}: for local experiments, a number is connected without asking Graph. */
@TestPropertySource(properties = "parley.whatsapp.verify-on-connect=false")
class ChannelVerificationSwitchedOffIntegrationTest extends IntegrationTestSupport {

    @Test
    void should_connect_without_calling_graph_when_verification_is_switched_off() {
        String org = Tenants.organization(api, "Unverified " + UUID.randomUUID());
        String bot = api.post(
                        "/api/v1/organizations/" + org + "/chatbots",
                        "{\"name\": \"Bot\", \"systemPrompt\": \"You help.\", \"model\": {\"provider\": \"offline\"}}")
                .text("id");
        String phoneNumberId =
                Long.toString(710_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
        // Graph would refuse this number: the switch, not the fake, is what lets it through.
        GraphFake.numberLookupAnswers(phoneNumberId, aResponse().withStatus(401));

        Api.Response response = api.post("/api/v1/chatbots/" + bot + "/channels", """
                {"type": "whatsapp", "phoneNumberId": "%s", "accessToken": "EAAlocal", "appSecret": "s",
                 "verifyToken": "v"}""".formatted(phoneNumberId));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().has("verifiedName")).isFalse();
        assertThat(GraphFake.numberLookups(phoneNumberId)).isEmpty();
    }
}
