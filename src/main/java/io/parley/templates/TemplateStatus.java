package io.parley.templates;

import java.util.Locale;
import java.util.Optional;

/** A template's review state; only {@link #APPROVED} templates can be sent. */
public enum TemplateStatus {
    APPROVED,
    PENDING,
    REJECTED,
    PAUSED,
    DISABLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static TemplateStatus fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }

    /**
     * Maps a Graph API status or a status webhook event. {@code REINSTATED} means approved again; {@code FLAGGED}
     * (a quality warning that changes nothing yet) and unknown events map to empty: nothing to update.
     */
    public static Optional<TemplateStatus> fromProvider(String value) {
        if (value == null) {
            return Optional.empty();
        }
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "APPROVED", "REINSTATED" -> Optional.of(APPROVED);
            case "PENDING", "IN_APPEAL" -> Optional.of(PENDING);
            case "REJECTED" -> Optional.of(REJECTED);
            case "PAUSED" -> Optional.of(PAUSED);
            case "DISABLED", "PENDING_DELETION", "DELETED", "LIMIT_EXCEEDED", "ARCHIVED" -> Optional.of(DISABLED);
            default -> Optional.empty();
        };
    }
}
