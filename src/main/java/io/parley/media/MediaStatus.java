package io.parley.media;

/** pending until the download job stored the bytes or gave up. */
public enum MediaStatus {
    PENDING, STORED, FAILED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static MediaStatus fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
