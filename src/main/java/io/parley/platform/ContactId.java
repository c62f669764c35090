package io.parley.platform;

import java.util.UUID;

public record ContactId(UUID value) {
    public ContactId {
        Ids.requireValue(value, "ContactId");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
