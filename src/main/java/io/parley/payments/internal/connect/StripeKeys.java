package io.parley.payments.internal.connect;

import io.parley.platform.InvalidRequestException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The shapes of Stripe's keys, checked before anything is stored so a pasted publishable key or a webhook secret in
 * the wrong field is a clear 400: secret keys {@code sk_test_…}/{@code sk_live_…}, restricted keys {@code rk_test_…}/
 * {@code rk_live_…}, signing secrets {@code whsec_…}. The mode (test or live) is read from the key.
 */
final class StripeKeys {
    private static final Pattern SECRET_KEY = Pattern.compile("(sk|rk)_(test|live)_[A-Za-z0-9]{8,247}");
    private static final Pattern WEBHOOK_SECRET = Pattern.compile("whsec_[A-Za-z0-9+/=]{8,250}");

    private StripeKeys() {}

    /** {@code test} or {@code live}; a 400 naming {@code secretKey} for anything else. */
    static String modeOf(String secretKey) {
        if (secretKey == null || secretKey.isBlank()) {
            throw invalid("secretKey", "stripe_key_missing", "secretKey is required");
        }
        if (secretKey.startsWith("pk_")) {
            throw invalid(
                    "secretKey",
                    "stripe_key_invalid",
                    "secretKey is a publishable key (pk_…); use the secret key sk_… or a restricted key rk_…");
        }
        var matcher = SECRET_KEY.matcher(secretKey);
        if (!matcher.matches()) {
            throw invalid(
                    "secretKey",
                    "stripe_key_invalid",
                    "secretKey must be a Stripe secret key (sk_test_…, sk_live_…) or restricted key (rk_…)");
        }
        return matcher.group(2);
    }

    static void checkWebhookSecret(String webhookSecret) {
        if (webhookSecret == null || webhookSecret.isBlank()) {
            throw invalid("webhookSecret", "stripe_key_missing", "webhookSecret is required");
        }
        if (!WEBHOOK_SECRET.matcher(webhookSecret).matches()) {
            throw invalid(
                    "webhookSecret",
                    "stripe_key_invalid",
                    "webhookSecret must be the endpoint's signing secret (whsec_…) from Stripe's dashboard");
        }
    }

    private static InvalidRequestException invalid(String field, String code, String message) {
        return new InvalidRequestException(code, message, Map.of("field", field));
    }
}
