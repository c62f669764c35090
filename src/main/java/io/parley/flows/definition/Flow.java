package io.parley.flows.definition;

import java.util.List;

/**
 * A flow as read from its YAML or JSON document (spec §3): what starts it, its settings and its steps in order. A
 * step without {@code next} continues with the step after it; after the last one the flow ends.
 *
 * @param key   the key it is stored under (the document's own {@code key}, when given, must be the same)
 * @param start when a conversation enters the flow and at which step ({@code null} step: the first)
 */
public record Flow(String key, Start start, FlowSettings settings, List<Step> steps) {
    public Flow {
        steps = List.copyOf(steps);
    }

    /** {@code start: {on: first_message, step: <id>}}. */
    public record Start(String on, String step) {
        public static final String FIRST_MESSAGE = "first_message";
        public static final Start DEFAULT = new Start(FIRST_MESSAGE, null);
    }
}
