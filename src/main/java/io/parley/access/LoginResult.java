package io.parley.access;

import java.time.Duration;
import java.time.Instant;

/** What a password login came to. */
public sealed interface LoginResult permits LoginResult.SignedIn, LoginResult.Rejected, LoginResult.Throttled {

    /** {@code token} is the session's bearer token, shown only now. */
    record SignedIn(StaffUser user, String token, Instant expiresAt) implements LoginResult {
        @Override
        public String toString() {
            return "SignedIn[user=" + user.id() + ", expiresAt=" + expiresAt + "]";
        }
    }

    /** Unknown email, wrong password or a disabled user: the same answer for all. {@code user} is null if unknown. */
    record Rejected(StaffUser user) implements LoginResult {}

    record Throttled(Duration retryAfter) implements LoginResult {}
}
