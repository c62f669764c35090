package io.parley.usage;

import io.parley.platform.SessionId;
import java.math.BigDecimal;

/**
 * What a conversation's session consumed: its turns' tokens and cost.
 *
 * @param cost          the sum of the priced records; null when none was priced
 * @param unpricedTurns turns with tokens but no known price (not in {@code cost})
 */
public record SessionUsage(SessionId sessionId, long tokensIn, long tokensOut, BigDecimal cost, int unpricedTurns) {}
