package io.parley.access.internal;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * BCrypt (cost 10) for staff passwords. {@link #matchesDummy} spends the same time as a real check, so an unknown
 * email cannot be told from a wrong password by timing.
 */
@Component
public class Passwords {
    public static final int MIN_LENGTH = 12;
    // BCrypt reads at most 72 bytes; a longer password would silently be cut.
    public static final int MAX_BYTES = 72;

    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(10);
    private final String dummyHash = encoder.encode("dummy password for timing only");

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return password != null && encoder.matches(password, hash);
    }

    public void matchesDummy(String password) {
        encoder.matches(password == null ? "" : password, dummyHash);
    }
}
