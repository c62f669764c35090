package io.parley.access;

import io.parley.access.internal.LoginAttempts;
import io.parley.access.internal.Passwords;
import io.parley.access.internal.StaffSessionRepository;
import io.parley.access.internal.StaffUserRepository;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;

/**
 * Password login for staff users. A session token ({@code pss_} + 256 random bits) is shown once and stored as its
 * SHA-256. Unknown emails hash against a dummy so they take as long as wrong passwords; failed attempts per email
 * and per source address are counted in the database (all nodes share the count) and past either limit the answer
 * is 429 for the window.
 */
@Service
@EnableConfigurationProperties(StaffProperties.class)
public class StaffLogin {
    static final String TOKEN_PREFIX = "pss_";

    private final StaffUserRepository users;
    private final StaffSessionRepository sessions;
    private final LoginAttempts attempts;
    private final Passwords passwords;
    private final StaffProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    StaffLogin(
            StaffUserRepository users,
            StaffSessionRepository sessions,
            LoginAttempts attempts,
            Passwords passwords,
            StaffProperties properties,
            Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.attempts = attempts;
        this.passwords = passwords;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Checks a password login from {@code sourceAddress} (the key of {@code platform.web.ClientAddress}). The attempt
     * is counted before the password is checked, atomically with the check of both budgets, so concurrent attempts
     * get at most the budget's password checks between them; the rest are {@link LoginResult.Throttled}.
     */
    public LoginResult login(String email, String password, String sourceAddress) {
        Instant now = clock.instant();
        String emailHash = sha256(email == null ? "" : email.trim().toLowerCase(Locale.ROOT));
        String address = sourceAddress == null || sourceAddress.isBlank() ? "unknown" : sourceAddress;
        LoginAttempts.Budget budget = new LoginAttempts.Budget(
                properties.failedLoginWindow(), properties.maxFailedLogins(), properties.maxFailedLoginsPerAddress());
        if (attempts.reserve(emailHash, address, now, budget) instanceof LoginAttempts.Refused refused) {
            return new LoginResult.Throttled(refused.retryAfter());
        }
        Optional<StaffUserRepository.WithPassword> found =
                email == null ? Optional.empty() : users.findByEmail(email.trim());
        if (found.isEmpty()) {
            passwords.matchesDummy(password);
            return new LoginResult.Rejected(null);
        }
        StaffUser user = found.get().user();
        if (!passwords.matches(password, found.get().passwordHash()) || user.disabled()) {
            return new LoginResult.Rejected(user);
        }
        attempts.forget(emailHash, address, now.minus(properties.failedLoginWindow()));
        String token = newToken();
        Instant expiresAt = now.plus(properties.sessionLifetime());
        sessions.insert(UUID.randomUUID(), user.id(), sha256(token), now, expiresAt);
        return new LoginResult.SignedIn(user, token, expiresAt);
    }

    /** The enabled user of a live session token; empty for anything else. */
    public Optional<StaffUser> authenticate(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        return sessions.activeUser(sha256(token), clock.instant());
    }

    /** Ends the session of {@code token}; the user it belonged to, if it was live. */
    public Optional<StaffUser> logout(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX) || token.length() > 200) {
            return Optional.empty();
        }
        return sessions.revoke(sha256(token), clock.instant());
    }

    private String newToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
