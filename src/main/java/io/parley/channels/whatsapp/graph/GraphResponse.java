package io.parley.channels.whatsapp.graph;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One answer of the Graph API: status, body, Meta's error object and {@code Retry-After}. */
public final class GraphResponse {
    private final int status;
    private final String body;
    private final HttpHeaders headers;
    private final JsonMapper json;

    GraphResponse(int status, String body, HttpHeaders headers, JsonMapper json) {
        this.status = status;
        this.body = body;
        this.headers = headers;
        this.json = json;
    }

    public int status() {
        return status;
    }

    public boolean ok() {
        return status / 100 == 2;
    }

    public String body() {
        return body;
    }

    /** The body as JSON; throws {@link JacksonException} when it is not. */
    public JsonNode json() {
        return json.readTree(body);
    }

    /** The body as JSON, or null when it is not JSON. */
    public JsonNode jsonOrNull() {
        try {
            return json.readTree(body == null ? "" : body);
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Meta's {@code error} object, or null when the body has none. */
    public GraphError error() {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return GraphError.of(json.readTree(body).path("error"));
        } catch (JacksonException e) {
            return null;
        }
    }

    /** {@code Retry-After} in seconds, or null when absent or not a number. */
    public Duration retryAfter() {
        return headers.firstValue("Retry-After")
                .flatMap(value -> {
                    try {
                        return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                })
                .orElse(null);
    }
}
