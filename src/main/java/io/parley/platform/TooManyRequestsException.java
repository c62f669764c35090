package io.parley.platform;

import java.time.Duration;
import java.util.Map;

/** Too many attempts (429); {@code retryAfter} becomes the Retry-After header. */
public class TooManyRequestsException extends ParleyException {
    private final Duration retryAfter;

    public TooManyRequestsException(String code, String message, Duration retryAfter) {
        super(code, message, Map.of(), null);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    @Override
    public boolean retriable() {
        return true;
    }
}
