package io.parley.flows.definition;

import java.time.Duration;
import java.util.List;

/**
 * The rules of spec §4 a flow can tune; absent settings take the defaults shown in {@link #DEFAULTS}.
 *
 * @param restartWords  messages that start the flow over (compared case- and accent-insensitively by the engine)
 * @param handoverWords messages that hand the conversation to a person
 */
public record FlowSettings(
        Repair repair,
        MediaAtTextStep mediaAtTextStep,
        Bundle bundle,
        List<String> restartWords,
        List<String> handoverWords,
        Handover handover,
        Reminder reminder) {
    public static final FlowSettings DEFAULTS = new FlowSettings(
            Repair.DEFAULT, MediaAtTextStep.DEFAULT, Bundle.DEFAULT, List.of(), List.of(), Handover.DEFAULT, null);

    public FlowSettings {
        restartWords = List.copyOf(restartWords);
        handoverWords = List.copyOf(handoverWords);
    }

    /**
     * How many repair prompts a step gets and what happens when they are used up.
     *
     * @param gotoStep the step to go to when {@code exhausted} is {@link Exhausted#GOTO} ({@code goto:<id>})
     */
    public record Repair(int attempts, Exhausted exhausted, String gotoStep) {
        public static final Repair DEFAULT = new Repair(1, Exhausted.ACCEPT_RAW, null);
    }

    /** {@code accept_raw}: keep the raw text marked for review and go on; {@code handover}; {@code goto:<id>}. */
    public enum Exhausted {
        ACCEPT_RAW,
        HANDOVER,
        GOTO
    }

    /** @param then {@code reask} (the only behaviour so far) */
    public record MediaAtTextStep(String reply, String then) {
        public static final MediaAtTextStep DEFAULT = new MediaAtTextStep(null, "reask");
    }

    /** A message answering at least {@code minOtherAnswers} other open steps is refused with {@code reply}. */
    public record Bundle(int minOtherAnswers, String reply) {
        public static final Bundle DEFAULT = new Bundle(2, null);
    }

    /** @param resume {@code on_next_message} or {@code proactive} */
    public record Handover(Duration cooldown, String resume) {
        public static final Handover DEFAULT = new Handover(Duration.ofMinutes(60), "on_next_message");
    }

    /** A template sent {@code after} a quiet period, at most {@code max} times (0 or 1). */
    public record Reminder(Duration after, String template, int max) {}
}
