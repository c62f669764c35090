package io.parley.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.util.List;

/**
 * Meta's Graph API on WireMock: every numeric phone number id verifies, sends answer with a new wamid,
 * mark-as-read/typing answers success.
 */
public final class GraphFake {
    private GraphFake() {}

    /** The fields Parley asks for when a number is connected ({@code GET /{phone-number-id}?fields=...}). */
    public static final String NUMBER_FIELDS = "id,display_phone_number,verified_name";

    public static final String DISPLAY_PHONE_NUMBER = "+1 555-010-0000";
    public static final String VERIFIED_NAME = "Parley Test Business";

    /**
     * Like the acceptance checks' fake: any numeric phone number id is one this Graph owns, so connecting a number
     * (which verifies it first) works in every test. Registered once with the server, at the lowest priority, so a
     * test's own stub for one id ({@link #numberLookupAnswers}) wins.
     */
    static void ownEveryPhoneNumber(WireMockServer server) {
        server.stubFor(get(urlPathMatching("/graph/v22\\.0/[0-9]+"))
                .atPriority(10)
                .withQueryParam("fields", equalTo(NUMBER_FIELDS))
                .willReturn(okJson("""
                        {"id": "{{request.pathSegments.[2]}}", "display_phone_number": "%s",
                         "verified_name": "%s"}""".formatted(DISPLAY_PHONE_NUMBER, VERIFIED_NAME))
                        .withTransformers("response-template")));
    }

    static String numberPath(String phoneNumberId) {
        return "/graph/v22.0/" + phoneNumberId;
    }

    /** Verification of this one number answers {@code response} instead. */
    public static void numberLookupAnswers(String phoneNumberId, ResponseDefinitionBuilder response) {
        Fakes.wiremock()
                .stubFor(get(urlPathEqualTo(numberPath(phoneNumberId)))
                        .atPriority(1)
                        .withQueryParam("fields", equalTo(NUMBER_FIELDS))
                        .willReturn(response));
    }

    /** Verifications Parley asked for this number, oldest first. */
    public static List<LoggedRequest> numberLookups(String phoneNumberId) {
        return Fakes.wiremock().findAll(getRequestedFor(urlPathEqualTo(numberPath(phoneNumberId))));
    }

    static String messagesPath(String phoneNumberId) {
        return "/graph/v22.0/" + phoneNumberId + "/messages";
    }

    public static void acceptSends(String phoneNumberId) {
        Fakes.wiremock()
                .stubFor(post(urlEqualTo(messagesPath(phoneNumberId)))
                        .atPriority(5)
                        .withRequestBody(matchingJsonPath("$.text.body"))
                        .willReturn(sent()));
        Fakes.wiremock()
                .stubFor(post(urlEqualTo(messagesPath(phoneNumberId)))
                        .atPriority(1)
                        .withRequestBody(matchingJsonPath("$.typing_indicator"))
                        .willReturn(okJson("{\"success\": true}")));
    }

    /** Text sends answer with these responses in order, then keep answering with the last one. */
    public static void sendsRespondInSequence(String phoneNumberId, ResponseDefinitionBuilder... responses) {
        String scenario = "graph-" + phoneNumberId;
        for (int i = 0; i < responses.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "step-" + i;
            String next = i == responses.length - 1 ? state : "step-" + (i + 1);
            Fakes.wiremock()
                    .stubFor(post(urlEqualTo(messagesPath(phoneNumberId)))
                            .atPriority(3)
                            .withRequestBody(matchingJsonPath("$.text.body"))
                            .inScenario(scenario)
                            .whenScenarioStateIs(state)
                            .willSetStateTo(next)
                            .willReturn(responses[i]));
        }
    }

    /** A successful send; like Meta, every response carries a new message id. */
    public static ResponseDefinitionBuilder sent() {
        return okJson("""
                {"messaging_product": "whatsapp", "contacts": [{"input": "x", "wa_id": "x"}],
                 "messages": [{"id": "wamid.OUT{{randomValue length=32 type='ALPHANUMERIC'}}"}]}""").withTransformers("response-template");
    }

    public static ResponseDefinitionBuilder sentWithId(String wamid) {
        return okJson("""
                {"messaging_product": "whatsapp", "messages": [{"id": "%s"}]}""".formatted(wamid));
    }

    public static ResponseDefinitionBuilder error(int status, int code, String message) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody("""
                {"error": {"message": "%s", "type": "OAuthException", "code": %d, "fbtrace_id": "Atest"}}""".formatted(message, code));
    }

    /** Text messages Parley sent to this number (typing indicators excluded). */
    public static List<LoggedRequest> sends(String phoneNumberId) {
        return Fakes.wiremock()
                .findAll(postRequestedFor(urlEqualTo(messagesPath(phoneNumberId)))
                        .withRequestBody(matchingJsonPath("$.text.body")));
    }

    /** Messages of every type Parley sent to this number, oldest first (typing indicators and read marks excluded). */
    public static List<LoggedRequest> messageSends(String phoneNumberId) {
        return Fakes.wiremock()
                .findAll(postRequestedFor(urlEqualTo(messagesPath(phoneNumberId)))
                        .withRequestBody(matchingJsonPath("$.type")));
    }

    /** Every kind of send (image, interactive, reaction, ...) answers with a new wamid; text stubs keep priority. */
    public static void acceptStructuredSends(String phoneNumberId) {
        Fakes.wiremock()
                .stubFor(post(urlEqualTo(messagesPath(phoneNumberId)))
                        .atPriority(6)
                        .withRequestBody(matchingJsonPath("$.type"))
                        .willReturn(sent()));
    }

    /** Sends of one Graph message type ({@code image}, {@code interactive}, ...) to this number, oldest first. */
    public static List<LoggedRequest> sendsOfType(String phoneNumberId, String type) {
        return Fakes.wiremock()
                .findAll(postRequestedFor(urlEqualTo(messagesPath(phoneNumberId)))
                        .withRequestBody(matchingJsonPath(
                                "$.type", com.github.tomakehurst.wiremock.client.WireMock.equalTo(type))));
    }

    static String mediaPath(String phoneNumberId) {
        return "/graph/v22.0/" + phoneNumberId + "/media";
    }

    /** Media uploads ({@code POST /{phone-number-id}/media}) answer with this media id. */
    public static void acceptUploads(String phoneNumberId, String mediaId) {
        Fakes.wiremock()
                .stubFor(
                        post(urlEqualTo(mediaPath(phoneNumberId))).willReturn(okJson("{\"id\": \"" + mediaId + "\"}")));
    }

    public static List<LoggedRequest> uploads(String phoneNumberId) {
        return Fakes.wiremock().findAll(postRequestedFor(urlEqualTo(mediaPath(phoneNumberId))));
    }

    /** Every send of any kind to this number (typing indicators excluded) answers {@code response} from now on. */
    public static void sendsAnswer(String phoneNumberId, ResponseDefinitionBuilder response) {
        Fakes.wiremock()
                .stubFor(post(urlEqualTo(messagesPath(phoneNumberId)))
                        .atPriority(1)
                        .withRequestBody(matchingJsonPath("$.biz_opaque_callback_data"))
                        .willReturn(response));
    }

    /**
     * The {@code biz_opaque_callback_data} (our outbound id) of every send Graph received for this number, oldest
     * first.
     */
    public static List<String> callbackData(String phoneNumberId) {
        return Fakes.wiremock()
                .findAll(postRequestedFor(urlEqualTo(messagesPath(phoneNumberId)))
                        .withRequestBody(matchingJsonPath("$.biz_opaque_callback_data")))
                .stream()
                .sorted(java.util.Comparator.comparing(LoggedRequest::getLoggedDate))
                .map(request -> Api.json()
                        .readTree(request.getBodyAsString())
                        .path("biz_opaque_callback_data")
                        .asString())
                .toList();
    }

    public static List<LoggedRequest> typingIndicators(String phoneNumberId) {
        return Fakes.wiremock()
                .findAll(postRequestedFor(urlEqualTo(messagesPath(phoneNumberId)))
                        .withRequestBody(matchingJsonPath("$.typing_indicator")));
    }
}
