package io.parley.media;

/**
 * pending until the download job stored the bytes or gave up (failed); skipped when the download was not done on
 * purpose, the reason in the error code: {@code quota_exceeded} (the organization's media quota) or {@code throttled}
 * (the message was over an inbound rate limit).
 */
public enum MediaStatus {
    PENDING,
    STORED,
    FAILED,
    SKIPPED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static MediaStatus fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
