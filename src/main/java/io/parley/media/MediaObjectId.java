package io.parley.media;

import java.util.Objects;
import java.util.UUID;

public record MediaObjectId(UUID value) {
    public MediaObjectId {
        Objects.requireNonNull(value, "MediaObjectId.value must not be null");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
