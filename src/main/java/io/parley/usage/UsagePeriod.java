package io.parley.usage;

import java.math.BigDecimal;
import java.time.Instant;

/** Usage totals over [periodStart, periodEnd); {@code unpriced} counts turns whose model had no price. */
public record UsagePeriod(
        Instant periodStart,
        Instant periodEnd,
        long messages,
        long tokensIn,
        long tokensOut,
        BigDecimal cost,
        long unpriced) {}
