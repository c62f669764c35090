package io.parley.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Meta's media endpoints on WireMock: {@code GET /{media-id}} answers metadata with a download URL on the fake's
 * "lookaside" host, which answers the bytes. Both require the channel's bearer token, like Meta.
 */
public final class GraphMediaFake {
    private GraphMediaFake() {}

    public static String metadataPath(String mediaId) {
        return "/graph/v22.0/" + mediaId;
    }

    public static String downloadPath(String mediaId) {
        return "/lookaside/whatsapp_business/attachments/" + mediaId;
    }

    /** Metadata for {@code mediaId} (declaring {@code bytes}' sha256 and size) and the bytes behind its URL. */
    public static void serves(String token, String mediaId, String mimeType, byte[] bytes) {
        metadata(token, mediaId, mimeType, sha256Base64(bytes), bytes.length);
        Fakes.wiremock()
                .stubFor(get(urlEqualTo(downloadPath(mediaId)))
                        .withHeader("Authorization", bearer(token))
                        .willReturn(aResponse()
                                .withStatus(200)
                                .withHeader("Content-Type", mimeType)
                                .withBody(bytes)));
    }

    /** The metadata only; {@code fileSize} null leaves {@code file_size} out. */
    public static void metadata(String token, String mediaId, String mimeType, String sha256, Integer fileSize) {
        Fakes.wiremock()
                .stubFor(get(urlEqualTo(metadataPath(mediaId)))
                        .withHeader("Authorization", bearer(token))
                        .willReturn(okJson("""
                        {"url": "%s", "mime_type": "%s", "sha256": "%s",%s "id": "%s",
                         "messaging_product": "whatsapp"}""".formatted(
                                        Fakes.baseUrl() + downloadPath(mediaId),
                                        mimeType,
                                        sha256,
                                        fileSize == null ? "" : " \"file_size\": " + fileSize + ",",
                                        mediaId))));
    }

    public static void metadataAnswers(String mediaId, ResponseDefinitionBuilder response) {
        Fakes.wiremock().stubFor(get(urlEqualTo(metadataPath(mediaId))).willReturn(response));
    }

    /** Download responses in order, then the last one again. */
    public static void downloadsRespondInSequence(String mediaId, ResponseDefinitionBuilder... responses) {
        String scenario = "media-" + mediaId;
        for (int i = 0; i < responses.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "step-" + i;
            String next = i == responses.length - 1 ? state : "step-" + (i + 1);
            Fakes.wiremock()
                    .stubFor(get(urlEqualTo(downloadPath(mediaId)))
                            .atPriority(1)
                            .inScenario(scenario)
                            .whenScenarioStateIs(state)
                            .willSetStateTo(next)
                            .willReturn(responses[i]));
        }
    }

    public static int metadataRequests(String mediaId) {
        return Fakes.wiremock()
                .findAll(getRequestedFor(urlEqualTo(metadataPath(mediaId))))
                .size();
    }

    public static int downloadRequests(String mediaId) {
        return Fakes.wiremock()
                .findAll(getRequestedFor(urlEqualTo(downloadPath(mediaId))))
                .size();
    }

    public static String sha256Base64(byte[] bytes) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static com.github.tomakehurst.wiremock.matching.StringValuePattern bearer(String token) {
        return equalTo("Bearer " + token);
    }
}
