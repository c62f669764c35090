package io.parley.notifications.internal.contact;

import io.parley.access.StaffUser;
import io.parley.access.StaffUserId;
import io.parley.platform.OrganizationId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One-time codes that link a chat address to a member of staff: 32 random bytes in base64url (43 characters of
 * {@code A-Za-z0-9_-}), valid for 15 minutes, used once; only their SHA-256 is stored.
 */
@Component
class LinkCodes {
    static final Duration VALIDITY = Duration.ofMinutes(15);
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{32,64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    record Issued(String code, Instant expiresAt) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    LinkCodes(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    static String newCode() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    Issued store(OrganizationId organization, StaffUser user, String channel, String code) {
        Instant expiresAt = clock.instant().plus(VALIDITY);
        jdbc.sql("""
                        insert into staff_link_codes (code_hash, organization_id, staff_user_id, channel, expires_at)
                        values (:hash, :org, :user, :channel, :expires)""")
                .param("hash", hash(code))
                .param("org", organization.value())
                .param("user", user.id().value())
                .param("channel", channel)
                .param("expires", Timestamp.from(expiresAt))
                .update();
        return new Issued(code, expiresAt);
    }

    /** Uses the code once: the staff user it was issued for, or empty (unknown, used, expired, other channel). */
    Optional<StaffUserId> use(OrganizationId organization, String channel, String code) {
        if (code == null || !SHAPE.matcher(code).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return jdbc.sql("""
                        update staff_link_codes set used_at = :now
                        where code_hash = :hash and organization_id = :org and channel = :channel
                          and used_at is null and expires_at > :now
                        returning staff_user_id""")
                .param("now", Timestamp.from(now))
                .param("hash", hash(code))
                .param("org", organization.value())
                .param("channel", channel)
                .query(UUID.class)
                .optional()
                .map(StaffUserId::new);
    }

    private static byte[] hash(String code) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
