package io.parley.flows;

import io.parley.testing.Api;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The flows and flow tests APIs with the content types {@link Api} does not send: YAML bodies and
 * {@code Accept: application/yaml}.
 */
public final class FlowCalls {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Api api;
    private final String token;

    public FlowCalls(Api api, String token) {
        this.api = api;
        this.token = token;
    }

    public static String path(String bot, String key) {
        return "/api/v1/chatbots/" + bot + "/flows/" + key;
    }

    public Api.Response putYaml(String bot, String key, String yaml) {
        return send(HttpRequest.newBuilder(URI.create(api.base() + path(bot, key)))
                .header("Content-Type", "application/yaml")
                .PUT(HttpRequest.BodyPublishers.ofString(yaml)));
    }

    Api.Response putBytes(String bot, String key, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(api.base() + path(bot, key)))
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A PUT of {@code body} as {@code contentType} to any path (the flow tests' too). */
    Api.Response putAt(String path, String contentType, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(api.base() + path))
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    Api.Response getAccepting(String pathAndQuery, String accept) {
        return send(HttpRequest.newBuilder(URI.create(api.base() + pathAndQuery))
                .header("Accept", accept)
                .GET());
    }

    Api.Response getYaml(String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(api.base() + pathAndQuery))
                .header("Accept", "application/yaml")
                .GET());
    }

    private Api.Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(
                    builder.header("Authorization", "Bearer " + token)
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Api.Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
