package io.parley.flows.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a conversation stands in its flow (spec §4): the run (1, 2 after a restart, ...), the current step and its
 * repair attempts, the answers of this run with their readable forms, the data of {@code action} steps, and the
 * lead's status. Immutable; the engine returns a new one.
 *
 * @param stepId     the step being waited on; null before the flow started, {@code END} after it ended
 * @param status     {@link Status}
 * @param displays   answer key → readable form ("10x15 cm", "Realism"), what {@code {{answers.x}}} shows
 * @param needsReask the next message that does not answer gets the current question again, attempt-free (after a
 *                   reminder, a template or a handover)
 * @param resumeAt   during a handover: when the bot may answer again
 * @param remindAt   when a quiet contact gets the reminder; null when none is due
 */
public record FlowState(
        int run,
        String stepId,
        Status status,
        int attempts,
        Map<String, Object> answers,
        Map<String, String> displays,
        Map<String, Object> vars,
        String leadStatus,
        boolean needsReask,
        Instant resumeAt,
        Instant remindAt,
        int reminders) {

    public enum Status {
        /** Waiting for the contact's reply to an {@code ask}. */
        ACTIVE,
        /** Waiting for an event (a payment, a timer). */
        WAITING,
        /** A person owns the conversation. */
        HANDOVER,
        /** The flow ended. */
        DONE;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status fromWire(String wire) {
            return valueOf(wire.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public FlowState {
        answers = unmodifiable(answers);
        displays = Map.copyOf(displays == null ? Map.of() : displays);
        vars = unmodifiable(vars);
        leadStatus = leadStatus == null ? "new" : leadStatus;
    }

    /** A conversation that has not entered the flow. */
    public static FlowState fresh() {
        return new FlowState(0, null, Status.ACTIVE, 0, Map.of(), Map.of(), Map.of(), "new", false, null, null, 0);
    }

    public boolean started() {
        return stepId != null;
    }

    public boolean done() {
        return status == Status.DONE;
    }

    FlowState at(String step, Status newStatus) {
        return new FlowState(
                run, step, newStatus, 0, answers, displays, vars, leadStatus, false, resumeAt, remindAt, reminders);
    }

    FlowState withAttempts(int value) {
        return new FlowState(
                run,
                stepId,
                status,
                value,
                answers,
                displays,
                vars,
                leadStatus,
                needsReask,
                resumeAt,
                remindAt,
                reminders);
    }

    FlowState withAnswer(String key, Object value, String display) {
        Map<String, Object> nextAnswers = new LinkedHashMap<>(answers);
        nextAnswers.put(key, value);
        Map<String, String> nextDisplays = new LinkedHashMap<>(displays);
        if (display == null) {
            nextDisplays.remove(key);
        } else {
            nextDisplays.put(key, display);
        }
        return new FlowState(
                run,
                stepId,
                status,
                attempts,
                nextAnswers,
                nextDisplays,
                vars,
                leadStatus,
                needsReask,
                resumeAt,
                remindAt,
                reminders);
    }

    FlowState withVar(String key, Object value) {
        Map<String, Object> nextVars = new LinkedHashMap<>(vars);
        nextVars.put(key, value);
        return new FlowState(
                run,
                stepId,
                status,
                attempts,
                answers,
                displays,
                nextVars,
                leadStatus,
                needsReask,
                resumeAt,
                remindAt,
                reminders);
    }

    FlowState withLead(String value) {
        return new FlowState(
                run,
                stepId,
                status,
                attempts,
                answers,
                displays,
                vars,
                value,
                needsReask,
                resumeAt,
                remindAt,
                reminders);
    }

    public FlowState withNeedsReask(boolean value) {
        return new FlowState(
                run,
                stepId,
                status,
                attempts,
                answers,
                displays,
                vars,
                leadStatus,
                value,
                resumeAt,
                remindAt,
                reminders);
    }

    public FlowState withResumeAt(Instant value) {
        return new FlowState(
                run,
                stepId,
                status,
                attempts,
                answers,
                displays,
                vars,
                leadStatus,
                needsReask,
                value,
                remindAt,
                reminders);
    }

    public FlowState withReminder(Instant at, int sent) {
        return new FlowState(
                run, stepId, status, attempts, answers, displays, vars, leadStatus, needsReask, resumeAt, at, sent);
    }

    FlowState withStatus(Status value) {
        return new FlowState(
                run,
                stepId,
                value,
                attempts,
                answers,
                displays,
                vars,
                leadStatus,
                needsReask,
                resumeAt,
                remindAt,
                reminders);
    }

    FlowState restarted() {
        return new FlowState(
                run + 1, null, Status.ACTIVE, 0, Map.of(), Map.of(), Map.of(), leadStatus, false, null, null, 0);
    }

    private static Map<String, Object> unmodifiable(Map<String, Object> map) {
        return map == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
