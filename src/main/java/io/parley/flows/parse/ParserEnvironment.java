package io.parley.flows.parse;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a parser may know besides its options: the clock and zone for relative dates ("tomorrow"), and the
 * conversation's data for options that name it ({@code {choice: vars.find_slots}}). Without a clock, relative dates
 * are not understood.
 *
 * @param clock the flow's clock in the conversation's zone, or null
 * @param data the condition context ({@code answers}, {@code vars}, {@code lead}, {@code contact}) for option paths
 */
public record ParserEnvironment(Clock clock, Map<String, Object> data) {

    public static final ParserEnvironment NONE = new ParserEnvironment(null, Map.of());

    public ParserEnvironment {
        data = data == null ? Map.of() : data;
    }

    public static ParserEnvironment of(Clock clock, Map<String, Object> data) {
        return new ParserEnvironment(Objects.requireNonNull(clock, "clock"), data);
    }

    /** Today in the clock's zone, when a clock is given. */
    public Optional<LocalDate> today() {
        return clock == null ? Optional.empty() : Optional.of(LocalDate.now(clock));
    }

    /** The value at a dotted path of {@link #data}, or null ({@link ContextPaths}). */
    public Object lookup(String path) {
        return ContextPaths.resolve(data, path);
    }
}
