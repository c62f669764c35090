package io.parley.access;

import io.parley.access.internal.StaffSessionRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * Deletes what staff sign-in leaves behind: sessions that ended (expired or revoked) and failed logins. Whatever the
 * cutoff, a live session and a failure inside the login throttle's window are never deleted, so a sweep can neither
 * sign anyone out nor undo the throttle.
 */
@Service
public class StaffSessionRetention {
    private final StaffSessionRepository sessions;
    private final StaffProperties properties;
    private final Clock clock;

    StaffSessionRetention(StaffSessionRepository sessions, StaffProperties properties, Clock clock) {
        this.sessions = sessions;
        this.properties = properties;
        this.clock = clock;
    }

    /** Deletes up to {@code batch} sessions that expired or were revoked before {@code cutoff}; returns how many. */
    public int deleteSessionsEndedBefore(Instant cutoff, int batch) {
        return sessions.deleteEndedBefore(earliest(cutoff, clock.instant()), checked(batch));
    }

    /** Deletes up to {@code batch} failed logins before {@code cutoff}; returns how many. */
    public int deleteLoginFailuresBefore(Instant cutoff, int batch) {
        Instant throttleWindowStart = clock.instant().minus(properties.failedLoginWindow());
        return sessions.deleteFailuresBefore(earliest(cutoff, throttleWindowStart), checked(batch));
    }

    private static Instant earliest(Instant cutoff, Instant limit) {
        Objects.requireNonNull(cutoff, "cutoff");
        return cutoff.isBefore(limit) ? cutoff : limit;
    }

    private static int checked(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be ≥ 1");
        }
        return batch;
    }
}
