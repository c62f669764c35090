package io.parley.flows.definition;

import java.time.Duration;
import java.util.Optional;

/** Durations as flows write them: {@code 90s}, {@code 60m}, {@code 26h}, {@code 14d}, or combined ({@code 1h30m}). */
public final class Durations {
    private Durations() {}

    public static Optional<Duration> parse(String text) {
        return Optional.ofNullable(text == null ? null : Fields.parseDuration(text.strip()));
    }
}
