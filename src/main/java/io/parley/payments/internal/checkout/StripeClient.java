package io.parley.payments.internal.checkout;

import io.parley.payments.internal.StripeProperties;
import io.parley.platform.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one HTTP client for Stripe's API (plain HTTP, no SDK; spec §6.5): base URL {@code parley.stripe.api-url}, the
 * organization's key as a bearer token, form-encoded bodies with Stripe's bracket notation, the pinned {@code
 * Stripe-Version} when set, timeouts, and every answer turned into a {@link StripeAnswer}. Stripe is an operator URL,
 * not a tenant's, so it does not go through the egress policy.
 */
@Component
public class StripeClient {
    private final StripeProperties properties;
    private final JsonMapper json;
    private final HttpClient http;

    StripeClient(StripeProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
        this.http = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** {@code POST /v1/checkout/sessions} with {@code form} (ordered) and the {@code Idempotency-Key}. */
    public StripeAnswer createCheckoutSession(Secret key, String idempotencyKey, Map<String, String> form) {
        HttpRequest request = request("/v1/checkout/sessions", key)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        return send(request);
    }

    /** {@code GET /v1/checkout/sessions/{id}}. */
    public StripeAnswer retrieveCheckoutSession(Secret key, String sessionId) {
        String path = "/v1/checkout/sessions/" + URLEncoder.encode(sessionId, StandardCharsets.UTF_8);
        return send(request(path, key).GET().build());
    }

    /** Stripe's form encoding: values and keys percent-encoded, the brackets of nested keys kept as they are. */
    static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> encodeKey(e.getKey()) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8)
                .replace("%5B", "[")
                .replace("%5D", "]");
    }

    private HttpRequest.Builder request(String path, Secret key) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(properties.apiBase() + path))
                .timeout(properties.requestTimeout())
                .header("Authorization", "Bearer " + key.reveal())
                .header("Accept", "application/json");
        if (!properties.apiVersion().isBlank()) {
            builder.header("Stripe-Version", properties.apiVersion());
        }
        return builder;
    }

    private StripeAnswer send(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new StripeAnswer.RetryLater(
                    "stripe unreachable: " + e.getClass().getSimpleName(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StripeAnswer.RetryLater("interrupted", false);
        }
        JsonNode body = parse(response.body());
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            if (body == null || !body.path("id").isString()) {
                return new StripeAnswer.RetryLater("stripe answered " + status + " without a session", true);
            }
            return new StripeAnswer.Session(CheckoutSession.from(body));
        }
        String reason = StripeErrors.describe(status, body);
        return StripeErrors.retriable(status)
                ? new StripeAnswer.RetryLater(reason, true)
                : new StripeAnswer.Rejected(status, reason);
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? null : json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }
}
