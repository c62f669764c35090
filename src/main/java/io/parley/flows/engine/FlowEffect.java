package io.parley.flows.engine;

import java.util.Map;

/** What a turn of the flow changes besides its state and messages; written in the turn's transaction. */
public sealed interface FlowEffect
        permits FlowEffect.Answer, FlowEffect.Lead, FlowEffect.Handover, FlowEffect.Event, FlowEffect.Completed {

    /** An answer taken (also a raw one kept for review), logged per run in {@code flow_answers}. */
    record Answer(String stepId, String key, Object value, String raw, String messageId, boolean needsReview)
            implements FlowEffect {}

    /** The lead moved from {@code from} to {@code to}. */
    record Lead(String from, String to) implements FlowEffect {}

    /** The conversation goes to a person. */
    record Handover(String reason, String note) implements FlowEffect {}

    /** A rule fired: recorded as a system event. */
    record Event(String type, String level, Map<String, Object> data) implements FlowEffect {
        public Event {
            data = data == null ? Map.of() : Map.copyOf(data);
        }

        static Event info(String type, Map<String, Object> data) {
            return new Event(type, "INFO", data);
        }

        static Event warn(String type, Map<String, Object> data) {
            return new Event(type, "WARN", data);
        }
    }

    /** The flow ended with {@code status}; {@code notification} names the staff notification, or null. */
    record Completed(String status, String notification) implements FlowEffect {}
}
