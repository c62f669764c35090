package io.parley.console.operations;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the insights pages write a moment: UTC, to the second, the same on every node and for every reader. */
public final class UtcTimes {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private UtcTimes() {}

    public static String format(Instant instant) {
        return instant == null ? "" : FORMAT.format(instant);
    }
}
