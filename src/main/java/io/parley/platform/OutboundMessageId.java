package io.parley.platform;

import java.util.UUID;

public record OutboundMessageId(UUID value) {
    public OutboundMessageId {
        Ids.requireValue(value, "OutboundMessageId");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
