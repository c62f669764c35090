package io.parley.platform;

import java.util.UUID;

public record MessageId(UUID value) {
    public MessageId {
        Ids.requireValue(value, "MessageId");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
