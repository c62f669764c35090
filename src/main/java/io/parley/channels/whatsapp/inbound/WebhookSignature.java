package io.parley.channels.whatsapp.inbound;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Hub-Signature-256: sha256=<hex>}: HMAC-SHA256 of the raw request bytes with the Meta app secret,
 * compared in constant time. Computed over the bytes as received, before any JSON parsing.
 */
final class WebhookSignature {
    private static final String PREFIX = "sha256=";
    private final byte[] expected;

    private WebhookSignature(byte[] expected) {
        this.expected = expected;
    }

    /** Empty when the header is missing or not {@code sha256=} followed by 64 hex digits. */
    static Optional<WebhookSignature> parse(String header) {
        if (header == null || !header.startsWith(PREFIX) || header.length() != PREFIX.length() + 64) {
            return Optional.empty();
        }
        try {
            return Optional.of(new WebhookSignature(HexFormat.of().parseHex(header.substring(PREFIX.length()))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    boolean matches(byte[] body, String appSecret) {
        return MessageDigest.isEqual(expected, hmac(body, appSecret));
    }

    static String sign(byte[] body, String appSecret) {
        return PREFIX + HexFormat.of().formatHex(hmac(body, appSecret));
    }

    private static byte[] hmac(byte[] body, String appSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
