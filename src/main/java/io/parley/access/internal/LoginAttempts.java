package io.parley.access.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The login throttle's check-and-count, atomic across threads and nodes: an attempt is reserved (inserted as a
 * failure) under advisory locks on its source address and its email before the password is checked, so of many
 * concurrent attempts at most the limit get a password check; the rest are refused without one. A correct password
 * then forgets the email's failures from that address ({@link #forget}).
 */
@Repository
public class LoginAttempts {
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    LoginAttempts(JdbcClient jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** What a reservation came to: go ahead and check the password, or wait {@code retryAfter}. */
    public sealed interface Reservation permits Reserved, Refused {}

    public record Reserved() implements Reservation {}

    public record Refused(Duration retryAfter) implements Reservation {}

    /** The limits of one window: failures per email, and per source address across emails. */
    public record Budget(Duration window, int perEmail, int perAddress) {}

    public Reservation reserve(String emailHash, String address, Instant now, Budget budget) {
        return transactions.execute(status -> {
            // Always the address first, then the email: two attempts never wait for each other's second lock.
            lock("login-address:" + address);
            lock("login-email:" + emailHash);
            Instant since = now.minus(budget.window());
            Instant addressFull = oldestIfFull("source_address", address, since, budget.perAddress());
            Instant emailFull = oldestIfFull("email_hash", emailHash, since, budget.perEmail());
            Instant oldest = addressFull == null
                    ? emailFull
                    : emailFull == null || addressFull.isAfter(emailFull) ? addressFull : emailFull;
            if (oldest != null) {
                Duration wait = Duration.between(now, oldest.plus(budget.window()));
                return new Refused(wait.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : wait);
            }
            jdbc.sql(
                            "insert into login_failures (email_hash, source_address, failed_at) values (:hash, :address, :now)")
                    .param("hash", emailHash)
                    .param("address", address)
                    .param("now", Timestamp.from(now))
                    .update();
            return new Reserved();
        });
    }

    /** After a correct password: the email's failures from this address no longer count, nor anything outdated. */
    public void forget(String emailHash, String address, Instant before) {
        jdbc.sql("""
                        delete from login_failures
                        where (email_hash = :hash and source_address is not distinct from :address)
                           or failed_at < :before""")
                .param("hash", emailHash)
                .param("address", address)
                .param("before", Timestamp.from(before))
                .update();
    }

    private void lock(String key) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", key)
                .query()
                .singleRow();
    }

    /** When the window holds {@code max} failures or more for the key: the oldest of them (it frees a slot first). */
    private Instant oldestIfFull(String column, String key, Instant since, int max) {
        Counted counted = jdbc.sql("""
                        select count(*) as n, min(failed_at) as oldest from login_failures
                        where %s = :key and failed_at > :since""".formatted(column))
                .param("key", key)
                .param("since", Timestamp.from(since))
                .query((rs, row) -> new Counted(
                        rs.getInt("n"),
                        rs.getTimestamp("oldest") == null
                                ? null
                                : rs.getTimestamp("oldest").toInstant()))
                .single();
        return counted.count() >= max && counted.oldest() != null ? counted.oldest() : null;
    }

    private record Counted(int count, Instant oldest) {}
}
