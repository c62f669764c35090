package io.parley.flows.parse;

import java.util.Locale;
import java.util.Optional;

/** The kinds of media a user can send, as named in flow definitions ({@code accepts: [image]}). */
public enum MediaKind {
    IMAGE,
    DOCUMENT,
    AUDIO,
    VIDEO;

    /** The name used in flow definitions: {@code image}, {@code document}, {@code audio}, {@code video}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind for a definition's name, case-insensitive; empty for unknown names. */
    public static Optional<MediaKind> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        for (MediaKind kind : values()) {
            if (kind.wireName().equalsIgnoreCase(name.strip())) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
