package io.parley.delivery;

import java.time.Instant;
import java.util.UUID;

/** A message that failed for good. {@code messageId} is the conversation message (what the send API answered). */
public record DeadLetterView(
        UUID id,
        UUID organizationId,
        UUID messageId,
        UUID outboundMessageId,
        UUID conversationId,
        UUID channelId,
        String lane,
        String reason,
        String error,
        int attempts,
        boolean transientFailure,
        Instant createdAt,
        Instant replayedAt,
        String replayedBy) {}
