package io.parley.platform;

import java.util.UUID;

public record ChatbotId(UUID value) {
    public ChatbotId {
        Ids.requireValue(value, "ChatbotId");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
