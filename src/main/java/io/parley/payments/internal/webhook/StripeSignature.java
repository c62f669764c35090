package io.parley.payments.internal.webhook;

import io.parley.platform.Secret;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…][,v0=…]}: each {@code v1} is the hex HMAC-SHA256 of
 * {@code "<t>.<raw body>"} keyed with the whole {@code whsec_…} secret. Valid when any {@code v1} matches any of the
 * secrets (constant-time compare) and {@code t} is within the tolerance of Parley's clock, in the past or the future.
 * Other schemes ({@code v0}) are ignored, as Stripe's libraries do.
 */
public final class StripeSignature {
    /** What checking a header found. */
    public enum Verdict {
        VALID,
        MALFORMED,
        STALE,
        MISMATCH
    }

    private StripeSignature() {}

    public static Verdict verify(String header, byte[] body, List<Secret> secrets, Instant now, Duration tolerance) {
        if (header == null || header.length() > 4096) {
            return Verdict.MALFORMED;
        }
        Long timestamp = null;
        List<byte[]> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (name.equals("t")) {
                timestamp = parseLong(value);
            } else if (name.equals("v1") && value.length() == 64) {
                try {
                    signatures.add(HexFormat.of().parseHex(value));
                } catch (IllegalArgumentException e) {
                    // not hex: not a signature
                }
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            return Verdict.MALFORMED;
        }
        boolean matches = false;
        for (Secret secret : secrets) {
            byte[] expected = hmac(timestamp, body, secret.reveal());
            for (byte[] signature : signatures) {
                matches |= MessageDigest.isEqual(expected, signature);
            }
        }
        if (!matches) {
            return Verdict.MISMATCH;
        }
        long drift = Math.abs(now.getEpochSecond() - timestamp);
        return drift > tolerance.toSeconds() ? Verdict.STALE : Verdict.VALID;
    }

    /** The header Stripe would send for {@code body} at {@code timestamp} (for tests and the docs' examples). */
    public static String header(long timestamp, byte[] body, String secret) {
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac(timestamp, body, secret));
    }

    private static byte[] hmac(long timestamp, byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static Long parseLong(String value) {
        if (value.isEmpty() || value.length() > 12 || !value.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return Long.parseLong(value);
    }
}
