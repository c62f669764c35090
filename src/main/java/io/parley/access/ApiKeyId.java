package io.parley.access;

import java.util.Objects;
import java.util.UUID;

public record ApiKeyId(UUID value) {
    public ApiKeyId {
        Objects.requireNonNull(value, "ApiKeyId.value must not be null");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
