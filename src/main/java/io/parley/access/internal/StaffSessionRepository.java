package io.parley.access.internal;

import io.parley.access.StaffUser;
import io.parley.access.StaffUserId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Session tokens (hashed), and the clean-up of sessions and of the login throttle's failures ({@link LoginAttempts}). */
@Repository
public class StaffSessionRepository {
    private final JdbcClient jdbc;

    StaffSessionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(UUID id, StaffUserId userId, String tokenHash, Instant now, Instant expiresAt) {
        jdbc.sql("""
                        insert into staff_sessions (id, user_id, token_hash, created_at, expires_at)
                        values (:id, :user, :hash, :now, :expires)""")
                .param("id", id)
                .param("user", userId.value())
                .param("hash", tokenHash)
                .param("now", Timestamp.from(now))
                .param("expires", Timestamp.from(expiresAt))
                .update();
    }

    /** The enabled user of a session that is neither expired nor revoked. */
    public Optional<StaffUser> activeUser(String tokenHash, Instant now) {
        return jdbc.sql("""
                        select u.* from staff_sessions s join staff_users u on u.id = s.user_id
                        where s.token_hash = :hash and s.revoked_at is null and s.expires_at > :now
                          and not u.disabled""")
                .param("hash", tokenHash)
                .param("now", Timestamp.from(now))
                .query(StaffUserRepository::map)
                .optional();
    }

    public Optional<StaffUser> revoke(String tokenHash, Instant now) {
        return jdbc.sql("""
                        with revoked as (update staff_sessions set revoked_at = :now
                                         where token_hash = :hash and revoked_at is null returning user_id)
                        select u.* from staff_users u join revoked r on r.user_id = u.id""")
                .param("hash", tokenHash)
                .param("now", Timestamp.from(now))
                .query(StaffUserRepository::map)
                .optional();
    }

    public void revokeAllOf(StaffUserId userId, Instant now) {
        jdbc.sql("update staff_sessions set revoked_at = :now where user_id = :user and revoked_at is null")
                .param("user", userId.value())
                .param("now", Timestamp.from(now))
                .update();
    }

    /** Deletes up to {@code batch} sessions that expired or were revoked before {@code cutoff}; returns how many. */
    public int deleteEndedBefore(Instant cutoff, int batch) {
        return jdbc.sql("""
                        delete from staff_sessions where id in (
                            select id from staff_sessions where expires_at < :cutoff or revoked_at < :cutoff
                            limit :batch for update skip locked)""")
                .param("cutoff", Timestamp.from(cutoff))
                .param("batch", batch)
                .update();
    }

    /**
     * Deletes up to {@code batch} failed logins before {@code cutoff}; returns how many. The table has no key, so
     * the batch is picked by row address (ctid); rows are never updated, so the address is stable.
     */
    public int deleteFailuresBefore(Instant cutoff, int batch) {
        return jdbc.sql("""
                        delete from login_failures where ctid = any (array (
                            select ctid from login_failures where failed_at < :cutoff
                            limit :batch for update skip locked))""")
                .param("cutoff", Timestamp.from(cutoff))
                .param("batch", batch)
                .update();
    }
}
