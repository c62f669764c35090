package io.parley.platform;

import java.util.UUID;

public record ChannelAccountId(UUID value) {
    public ChannelAccountId {
        Ids.requireValue(value, "ChannelAccountId");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
