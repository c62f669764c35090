package io.parley.notifications.push;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import tools.jackson.databind.json.JsonMapper;

/**
 * The VAPID token of RFC 8292: a JWT signed ES256 (the raw 64-byte r‖s signature, not DER) whose {@code aud} is the
 * push endpoint's origin, {@code exp} 12 hours ahead and {@code sub} the operator's contact URI.
 */
final class VapidTokens {
    static final Duration LIFETIME = Duration.ofHours(12);
    private static final String HEADER = encode("{\"typ\":\"JWT\",\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8));

    private VapidTokens() {}

    private record Claims(String aud, long exp, String sub) {}

    /** The signed token for a request to {@code endpoint} at {@code now}. */
    static String token(JsonMapper json, PrivateKey key, URI endpoint, String subject, Instant now) {
        String claims = encode(json.writeValueAsBytes(
                new Claims(origin(endpoint), now.plus(LIFETIME).getEpochSecond(), subject)));
        String signingInput = HEADER + "." + claims;
        try {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + encode(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("VAPID signing failed", e);
        }
    }

    /** {@code scheme://host[:port]}, the port only when it is not the scheme's default. */
    static String origin(URI endpoint) {
        String scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
        int port = endpoint.getPort();
        boolean defaultPort =
                port < 0 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + endpoint.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
