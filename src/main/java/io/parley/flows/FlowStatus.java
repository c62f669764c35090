package io.parley.flows;

import java.util.Locale;

/** A version's state: edited while {@code draft}, immutable once {@code published}, {@code archived} when replaced. */
public enum FlowStatus {
    DRAFT,
    PUBLISHED,
    ARCHIVED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static FlowStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
