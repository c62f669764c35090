package io.parley.actionlinks;

import java.time.Instant;

/**
 * A link just issued: the raw {@code token} (shown once, never stored), the {@code url} to send, {@code
 * PARLEY_PUBLIC_URL}/a/{token}, and when it stops working.
 */
public record IssuedLink(String token, String url, Instant expiresAt) {
    @Override
    public String toString() {
        return "IssuedLink[expiresAt=" + expiresAt + "]";
    }
}
