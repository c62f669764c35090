package io.parley.flows.engine;

import java.util.Map;
import java.util.Optional;

/**
 * What the engine asks the outside world while it works out a turn: the chatbot's model and the {@code action}
 * built-ins and tools. Implementations never throw; a failure is an empty result the flow handles.
 */
public interface FlowPorts {

    /**
     * The model's facts from {@code text} by {@code schema} (field → {@code string|number|integer|boolean}); empty when
     * the model failed or answered outside the schema.
     */
    Optional<Map<String, Object>> extract(String stepId, Map<String, String> schema, String text);

    /** One agent turn answering {@code text} (knowledge and tools), or empty when the model failed. */
    Optional<String> reply(String stepId, String instructions, String text);

    /**
     * Runs an action ({@code calendar.find_slots}, {@code calendar.hold}, {@code notify.staff}, {@code http},
     * {@code sheets.append}, {@code tool.<name>}) with its arguments (placeholders filled); the result lands in
     * {@code vars.<step id>}.
     */
    ActionResult action(String stepId, String name, Map<String, Object> arguments);

    /** An action's result: {@code value} (a list, a map) or a failure reason. */
    record ActionResult(Object value, String error) {
        public static ActionResult ok(Object value) {
            return new ActionResult(value, null);
        }

        public static ActionResult failed(String error) {
            return new ActionResult(null, error);
        }

        public boolean ok() {
            return error == null;
        }
    }
}
