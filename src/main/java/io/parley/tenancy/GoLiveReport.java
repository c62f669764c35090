package io.parley.tenancy;

import java.util.List;
import java.util.Objects;

/**
 * The go-live checks of a chatbot: ready when none failed.
 *
 * @param checks each check by name ({@code flow_published}, {@code templates_approved}, {@code payments_live},
 *               {@code goldens_green}), in that order
 */
public record GoLiveReport(boolean ready, List<Check> checks) {
    public GoLiveReport {
        checks = List.copyOf(checks);
    }

    /** A report of {@code checks}: ready when none of them failed. */
    public static GoLiveReport of(List<Check> checks) {
        return new GoLiveReport(checks.stream().noneMatch(c -> c.status() == Status.FAILED), checks);
    }

    /**
     * @param detail what was found, in words an admin acts on
     */
    public record Check(String name, Status status, String detail) {
        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
        }
    }

    /** On the wire in lower case. Only {@link #FAILED} keeps a chatbot in pilot mode. */
    public enum Status {
        PASSED,
        FAILED,
        /** Worth a look but not blocking: no golden transcripts, or one that depends on a live model. */
        WARNING,
        /** Does not apply to this chatbot (no payment step, no channel that sends templates…). */
        SKIPPED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
