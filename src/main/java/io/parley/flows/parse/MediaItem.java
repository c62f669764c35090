package io.parley.flows.parse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One media item of a user's message, as the parsers see it: its kind, mime type and the id Parley stores it under.
 *
 * @param kind image, document, audio or video
 * @param mimeType as announced by the channel (may be empty)
 * @param id the stored media id
 */
public record MediaItem(MediaKind kind, String mimeType, String id) {

    public MediaItem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        mimeType = mimeType == null ? "" : mimeType;
    }

    public static MediaItem image(String id) {
        return new MediaItem(MediaKind.IMAGE, "image/jpeg", id);
    }

    /** The JSON-able form stored in answers: {@code {type, mime_type, id}}. */
    Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("type", kind.wireName());
        map.put("mime_type", mimeType);
        map.put("id", id);
        return map;
    }
}
