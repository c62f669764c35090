package io.parley.platform;

import java.util.UUID;

public record TurnId(UUID value) {
    public TurnId {
        Ids.requireValue(value, "TurnId");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
