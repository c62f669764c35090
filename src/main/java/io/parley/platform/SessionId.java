package io.parley.platform;

import java.util.UUID;

/** A session of a conversation: the stretch of messages the model sees as one visit (ADR 32). */
public record SessionId(UUID value) {
    public SessionId {
        Ids.requireValue(value, "SessionId");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
