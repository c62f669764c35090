package io.parley.console.shell;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The CSRF token of a console session: derived from the session token, which only the browser's HttpOnly cookie
 * holds, so another site can neither read nor compute it, and every node derives the same one without shared
 * state. Forms carry it as {@code _csrf}, htmx requests as the {@code X-CSRF-Token} header.
 */
final class ConsoleCsrf {
    static final String FIELD = "_csrf";
    static final String HEADER = "X-CSRF-Token";

    private ConsoleCsrf() {}

    static String tokenFor(String sessionToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("parley-console-csrf:" + sessionToken).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares in constant time; a missing value never matches. */
    static boolean matches(String expected, String presented) {
        return expected != null
                && presented != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }
}
