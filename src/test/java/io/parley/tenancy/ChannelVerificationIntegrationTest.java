package io.parley.tenancy;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static io.parley.testing.ApiProblems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.parley.testing.Api;
import io.parley.testing.GraphFake;
import io.parley.testing.IntegrationTestSupport;
import io.parley.testing.Tenants;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * Connecting a WhatsApp number first asks Graph ({@code GET /{phone-number-id}?fields=id,display_phone_number,
 * verified_name}) with the given token; only a 2xx naming that id connects it (issue 11, item 5).
 */
class ChannelVerificationIntegrationTest extends IntegrationTestSupport {
    String bot;
    String phoneNumberId;
    String token;

    @BeforeEach
    void aChatbot() {
        String org = Tenants.organization(api, "Verify " + UUID.randomUUID());
        Api.Response created = api.post(
                "/api/v1/organizations/" + org + "/chatbots",
                "{\"name\": \"Bot\", \"systemPrompt\": \"You help.\", \"model\": {\"provider\": \"offline\"}}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        bot = created.text("id");
        phoneNumberId =
                Long.toString(700_000_000_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000_000L));
        token = "EAAverify" + UUID.randomUUID().toString().replace("-", "");
    }

    @Test
    void should_connect_and_show_what_meta_shows_when_graph_names_the_number() {
        Api.Response response = connect();

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.json().path("displayPhoneNumber").asString()).isEqualTo(GraphFake.DISPLAY_PHONE_NUMBER);
        assertThat(response.json().path("verifiedName").asString()).isEqualTo(GraphFake.VERIFIED_NAME);
        JsonNode listed = api.get("/api/v1/chatbots/" + bot + "/channels").json();
        assertThat(listed.get(0).path("verifiedName").asString()).isEqualTo(GraphFake.VERIFIED_NAME);
        List<LoggedRequest> lookups = GraphFake.numberLookups(phoneNumberId);
        assertThat(lookups).singleElement().satisfies(request -> {
            assertThat(request.getUrl())
                    .isEqualTo("/graph/v22.0/" + phoneNumberId + "?fields=id,display_phone_number,verified_name");
            assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + token);
        });
    }

    @Test
    void should_refuse_and_store_nothing_when_graph_answers_2xx_for_another_id() {
        GraphFake.numberLookupAnswers(phoneNumberId, okJson("""
                {"id": "111222333444555", "display_phone_number": "+1 555-010-9999", "verified_name": "Someone"}"""));

        JsonNode problem = assertProblem(connect(), 400, "channel_verification_failed");

        assertThat(problem.path("reason").asString()).isEqualTo("phone_number_mismatch");
        assertThat(problem.path("field").asString()).isEqualTo("phoneNumberId");
        assertNothingStored();
    }

    @ParameterizedTest(name = "Graph answers {0} with code {1}")
    @CsvSource({
        "400, 100, GraphMethodException, Unsupported get request. Object with ID does not exist, phoneNumberId",
        "401, 190, OAuthException, Invalid OAuth access token - Cannot parse access token, accessToken"
    })
    void should_refuse_with_metas_error_and_store_nothing_when_graph_refuses(
            int status, int code, String type, String message, String field) {
        // Meta quoting the token back must not make the problem carry it.
        GraphFake.numberLookupAnswers(
                phoneNumberId,
                aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody("""
                        {"error": {"message": "%s (%s)", "type": "%s", "code": %d, "error_subcode": 33,
                                   "fbtrace_id": "AtraceX"}}""".formatted(message, token, type, code)));

        Api.Response response = connect();

        JsonNode problem = assertProblem(response, 400, "channel_verification_failed");
        assertThat(problem.path("reason").asString()).isEqualTo("graph_refused");
        assertThat(problem.path("field").asString()).isEqualTo(field);
        assertThat(problem.path("graphStatus").asInt()).isEqualTo(status);
        JsonNode metaError = problem.path("metaError");
        assertThat(metaError.path("code").asInt()).isEqualTo(code);
        assertThat(metaError.path("errorSubcode").asInt()).isEqualTo(33);
        assertThat(metaError.path("type").asString()).isEqualTo(type);
        assertThat(metaError.path("message").asString()).startsWith(message).endsWith("(***)");
        assertThat(metaError.path("fbtraceId").asString()).isEqualTo("AtraceX");
        assertThat(response.body()).doesNotContain(token);
        assertNothingStored();
    }

    @Test
    void should_refuse_and_store_nothing_when_graph_cannot_be_reached() {
        GraphFake.numberLookupAnswers(phoneNumberId, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        JsonNode problem = assertProblem(connect(), 400, "channel_verification_failed");

        assertThat(problem.path("reason").asString()).isEqualTo("graph_unreachable");
        assertThat(problem.path("detail").asString()).contains("could not be reached");
        assertThat(problem.has("metaError")).isFalse();
        assertNothingStored();
    }

    @Test
    void should_refuse_a_token_that_cannot_travel_in_a_header_before_asking_graph() {
        // The README's placeholder, pasted as it is: "…" is not ASCII and would make the Graph request itself fail.
        Api.Response response = api.post("/api/v1/chatbots/" + bot + "/channels", """
                {"type": "whatsapp", "phoneNumberId": "%s", "accessToken": "EAA…", "appSecret": "s",
                 "verifyToken": "v"}""".formatted(phoneNumberId));

        JsonNode problem = assertProblem(response, 400, "validation_failed");

        assertThat(problem.toString()).contains("accessToken");
        assertThat(GraphFake.numberLookups(phoneNumberId)).isEmpty();
        assertNothingStored();
    }

    private Api.Response connect() {
        return api.post("/api/v1/chatbots/" + bot + "/channels", """
                {"type": "whatsapp", "phoneNumberId": "%s", "accessToken": "%s", "appSecret": "s-%s",
                 "verifyToken": "v-%s"}""".formatted(
                        phoneNumberId, token, UUID.randomUUID(), UUID.randomUUID()));
    }

    private void assertNothingStored() {
        assertThat(jdbc.sql("select count(*) from channel_accounts where external_id = :id")
                        .param("id", phoneNumberId)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(api.get("/api/v1/chatbots/" + bot + "/channels").json()).isEmpty();
    }
}
