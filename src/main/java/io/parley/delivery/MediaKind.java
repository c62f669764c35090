package io.parley.delivery;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The media kinds Parley sends, with the mime types WhatsApp accepts for each (spec §3.8). Size limits are settings
 * of the channel that uploads ({@code parley.whatsapp.upload.*}).
 */
public enum MediaKind {
    IMAGE("image", List.of("image/jpeg", "image/png")),
    VIDEO("video", List.of("video/mp4", "video/3gpp")),
    AUDIO("audio", List.of("audio/aac", "audio/mp4", "audio/mpeg", "audio/amr", "audio/ogg")),
    DOCUMENT(
            "document",
            List.of(
                    "text/plain",
                    "application/pdf",
                    "application/msword",
                    "application/vnd.ms-excel",
                    "application/vnd.ms-powerpoint",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "application/vnd.openxmlformats-officedocument.presentationml.presentation"));

    private final String wireName;
    private final List<String> mimeTypes;

    MediaKind(String wireName, List<String> mimeTypes) {
        this.wireName = wireName;
        this.mimeTypes = mimeTypes;
    }

    public String wireName() {
        return wireName;
    }

    public List<String> mimeTypes() {
        return mimeTypes;
    }

    /** Whether WhatsApp accepts this mime type (parameters such as {@code ; codecs=opus} ignored) for this kind. */
    public boolean accepts(String mimeType) {
        return mimeType != null && mimeTypes.contains(base(mimeType));
    }

    /** The kind a mime type belongs to, if WhatsApp accepts it at all. */
    public static Optional<MediaKind> forMimeType(String mimeType) {
        return Arrays.stream(values()).filter(k -> k.accepts(mimeType)).findFirst();
    }

    public static Optional<MediaKind> fromWire(String value) {
        return Arrays.stream(values()).filter(k -> k.wireName.equals(value)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(MediaKind::wireName).toList();
    }

    static String base(String mimeType) {
        int semicolon = mimeType.indexOf(';');
        return (semicolon < 0 ? mimeType : mimeType.substring(0, semicolon))
                .strip()
                .toLowerCase(Locale.ROOT);
    }
}
