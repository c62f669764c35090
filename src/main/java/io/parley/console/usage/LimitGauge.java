package io.parley.console.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One monthly limit of the plan against what the current billing period used.
 *
 * @param name  {@code messages}, {@code tokens} or {@code cost}
 * @param limit null when the plan sets none (unlimited)
 */
record LimitGauge(String name, BigDecimal used, BigDecimal limit) {
    public boolean limited() {
        return limit != null;
    }

    /** Used as a share of the limit, 0–100 (capped), for the meter and its text. */
    public int percent() {
        if (limit == null || limit.signum() <= 0) {
            return limit == null ? 0 : 100;
        }
        return used.multiply(BigDecimal.valueOf(100))
                .divide(limit, 0, RoundingMode.DOWN)
                .min(BigDecimal.valueOf(100))
                .intValue();
    }

    public String usedText() {
        return UsageChart.plain(used);
    }

    public String limitText() {
        return limit == null ? "" : UsageChart.plain(limit);
    }

    static LimitGauge of(String name, long used, Long limit) {
        return new LimitGauge(name, BigDecimal.valueOf(used), limit == null ? null : BigDecimal.valueOf(limit));
    }
}
