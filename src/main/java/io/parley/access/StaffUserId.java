package io.parley.access;

import java.util.Objects;
import java.util.UUID;

public record StaffUserId(UUID value) {
    public StaffUserId {
        Objects.requireNonNull(value, "StaffUserId.value must not be null");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
