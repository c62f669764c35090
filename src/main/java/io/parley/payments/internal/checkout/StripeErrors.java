package io.parley.payments.internal.checkout;

import tools.jackson.databind.JsonNode;

/**
 * Stripe's HTTP statuses mapped to outcomes, in one place: 429 (rate limit), 409 (the same Idempotency-Key in flight),
 * 408 and 5xx retry later; 401/403 (revoked or too restricted key) and every other 4xx (card, parameter, idempotency
 * reuse errors) are permanent. Only the error's {@code type} and {@code code} are kept, never its message, which may
 * quote what was sent.
 */
final class StripeErrors {
    private StripeErrors() {}

    static boolean retriable(int status) {
        return status == 429 || status == 409 || status == 408 || status >= 500;
    }

    static String describe(int status, JsonNode body) {
        JsonNode error = body == null ? null : body.path("error");
        String type = error == null ? "" : error.path("type").asString("");
        String code = error == null ? "" : error.path("code").asString("");
        StringBuilder text = new StringBuilder("stripe answered ").append(status);
        if (!type.isEmpty()) {
            text.append(' ').append(type);
        }
        if (!code.isEmpty()) {
            text.append(" (").append(code).append(')');
        }
        return text.toString();
    }
}
