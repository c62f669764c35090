package io.parley.platform;

/**
 * A caller's {@code Idempotency-Key} header, the one place it is read and checked: 1 to {@value #MAX_LENGTH}
 * characters, else 400 {@code validation_failed}. The same key again answers the first request's result without
 * doing it twice; the same key for a different request is 409 {@code idempotency_key_reused}. Where the keys are
 * stored and when they expire belongs to the module that does the work ({@code delivery.Deliveries} for messages).
 */
public record IdempotencyKey(String value) {
    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
            throw new InvalidRequestException(
                    "validation_failed", HEADER + " must have 1 to " + MAX_LENGTH + " characters");
        }
    }

    /** The header as a request sent it: null when the request has none. */
    public static IdempotencyKey fromHeader(String header) {
        return header == null ? null : new IdempotencyKey(header);
    }

    /**
     * Passes when the earlier request under this key asked for the same thing ({@code hash} equals
     * {@code earlierHash}); otherwise 409 {@code idempotency_key_reused}, naming what the key was used for.
     */
    public void requireSameRequest(String earlierHash, String hash, String what) {
        if (!hash.equals(earlierHash)) {
            throw new ConflictException(
                    "idempotency_key_reused", "This " + HEADER + " was used for a different " + what);
        }
    }
}
