package io.parley.channels.client;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Keys, secrets and the hashes and signatures made with them. */
final class ClientKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ClientKeys() {}

    /** A new key or secret: {@code prefix} and 32 random bytes, URL-safe. */
    static String generate(String prefix) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hmacHex(String secret, String message) {
        return HexFormat.of().formatHex(hmac(secret, message));
    }

    /** Compares in constant time, ignoring hex case. */
    static boolean sameHex(String expectedHex, String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(
                expectedHex.getBytes(StandardCharsets.US_ASCII),
                presented.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** A hint to recognise a key in a list without showing it: its prefix and last four characters. */
    static String hint(String key) {
        int prefix = key.indexOf('_') + 1;
        return key.substring(0, prefix) + "…" + key.substring(key.length() - 4);
    }
}
