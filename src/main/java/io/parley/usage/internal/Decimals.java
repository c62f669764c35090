package io.parley.usage.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A client's number rounded to its numeric column's scale before it is bound. PostgreSQL would round it too, but the
 * driver must encode it first, and it cannot encode 1e-999999999 (an ArithmeticException, a 500).
 */
public final class Decimals {
    private Decimals() {}

    /**
     * {@code value} rounded half up to {@code scale} places; one too small to show at that scale is 0, found by
     * comparing exponents rather than by dividing. Callers bound the value from above first.
     */
    public static BigDecimal fit(BigDecimal value, int scale) {
        if (value == null) {
            return null;
        }
        BigDecimal half = BigDecimal.valueOf(5, scale + 1);
        if (value.abs().compareTo(half) < 0) {
            return BigDecimal.ZERO.setScale(scale);
        }
        return value.setScale(scale, RoundingMode.HALF_UP);
    }
}
