package io.parley.platform;

import java.util.UUID;

public record ConversationId(UUID value) {
    public ConversationId {
        Ids.requireValue(value, "ConversationId");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
