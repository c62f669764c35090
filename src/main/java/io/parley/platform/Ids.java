package io.parley.platform;

import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/** Helpers shared by the typed id records. */
public final class Ids {
    private Ids() {}

    static void requireValue(UUID value, String type) {
        Objects.requireNonNull(value, () -> type + ".value must not be null");
    }

    /**
     * Parses an id taken from a URL or payload. A malformed id cannot name anything that exists, so it is
     * reported as not found ({@code <what>_not_found}) rather than as a server error.
     */
    public static <T> T parse(String text, String what, Function<UUID, T> constructor) {
        try {
            return constructor.apply(UUID.fromString(Objects.requireNonNull(text, what)));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new NotFoundException(
                    what + "_not_found",
                    "No " + what.replace('_', ' ') + " with id '"
                            + (text == null ? "" : text.length() <= 64 ? text : text.substring(0, 64) + "…") + "'");
        }
    }
}
