package io.parley.platform;

import java.time.Instant;
import java.util.Map;

/**
 * A point in time a client gives in a query parameter ({@code since}, {@code from}, …), bounded to the years 1 to
 * 9999: {@code -999999999-01-01T00:00:00Z} parses as an Instant but overflows {@code java.sql.Timestamp}, and a year
 * past 294276 is out of PostgreSQL's range. Both were 500s.
 */
public final class QueryInstants {
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private QueryInstants() {}

    /** {@code value} itself when it lies in the years 1 to 9999, else 400 {@code validation_failed} naming the field. */
    public static Instant within(String field, Instant value) {
        if (value != null && (value.isBefore(EARLIEST) || value.isAfter(LATEST))) {
            throw new InvalidRequestException(
                    "validation_failed", field + " must lie in the years 1 to 9999", Map.of("field", field));
        }
        return value;
    }
}
