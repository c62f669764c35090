package io.parley.conversation;

import io.parley.platform.SessionId;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A session of a conversation as the API lists it.
 *
 * @param endedAt       when it ended: a new session started ({@code new_session}) or its timeout passed
 *                      ({@code timeout}: its last message plus the timeout, also before the next message came)
 * @param current       true for the session the next message continues (if it arrives before the timeout)
 * @param messages      messages in it, of every role
 * @param cost          its turns' cost where priced; null when none was
 * @param unpricedTurns turns with tokens but no known price
 */
public record SessionSummary(
        SessionId id,
        Instant startedAt,
        Instant lastMessageAt,
        Instant endedAt,
        String endReason,
        boolean current,
        long messages,
        long tokensIn,
        long tokensOut,
        BigDecimal cost,
        int unpricedTurns) {}
