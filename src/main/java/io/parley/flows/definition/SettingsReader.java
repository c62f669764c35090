package io.parley.flows.definition;

import io.parley.flows.definition.Findings.Where;
import io.parley.flows.definition.FlowSettings.Bundle;
import io.parley.flows.definition.FlowSettings.Exhausted;
import io.parley.flows.definition.FlowSettings.Handover;
import io.parley.flows.definition.FlowSettings.MediaAtTextStep;
import io.parley.flows.definition.FlowSettings.Reminder;
import io.parley.flows.definition.FlowSettings.Repair;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads {@code settings}; every sub-setting is optional and defaults as in {@link FlowSettings#DEFAULTS}. */
final class SettingsReader {
    private static final Set<String> KEYS =
            Set.of("repair", "media_at_text_step", "bundle", "restart_words", "handover_words", "handover", "reminder");

    private final Fields fields;

    SettingsReader(Fields fields) {
        this.fields = fields;
    }

    FlowSettings read(JsonNode node) {
        Where where = Where.FLOW.field("settings");
        if (node == null || node.isNull()) {
            return FlowSettings.DEFAULTS;
        }
        if (!fields.object(node, where, null)) {
            return FlowSettings.DEFAULTS;
        }
        fields.onlyKeys(node, where, KEYS);
        return new FlowSettings(
                repair(node.get("repair"), where.field("repair")),
                media(node.get("media_at_text_step"), where.field("media_at_text_step")),
                bundle(node.get("bundle"), where.field("bundle")),
                fields.texts(node, where, "restart_words", 20),
                fields.texts(node, where, "handover_words", 20),
                handover(node.get("handover"), where.field("handover")),
                reminder(node.get("reminder"), where.field("reminder")));
    }

    /** Also read for a step's own {@code repair: {text, attempts, exhausted}}. */
    Repair repair(JsonNode node, Where where) {
        if (node == null || !fields.object(node, where, null)) {
            return Repair.DEFAULT;
        }
        fields.onlyKeys(node, where, Set.of("attempts", "exhausted"));
        Integer attempts = fields.integer(node, where, "attempts", 0, 3);
        String exhausted = fields.text(node, where, "exhausted", false);
        Exhausted mode = Exhausted.ACCEPT_RAW;
        String gotoStep = null;
        if (exhausted != null) {
            if (exhausted.equals("accept_raw")) {
                mode = Exhausted.ACCEPT_RAW;
            } else if (exhausted.equals("handover")) {
                mode = Exhausted.HANDOVER;
            } else if (exhausted.startsWith("goto:")
                    && Fields.NAME.matcher(exhausted.substring(5).strip()).matches()) {
                mode = Exhausted.GOTO;
                gotoStep = exhausted.substring(5).strip();
            } else {
                fields.findings().add(where, "exhausted", "must be accept_raw, handover or goto:<step id>");
            }
        }
        return new Repair(Objects.requireNonNullElse(attempts, 1), mode, gotoStep);
    }

    private MediaAtTextStep media(JsonNode node, Where where) {
        if (node == null || !fields.object(node, where, null)) {
            return MediaAtTextStep.DEFAULT;
        }
        fields.onlyKeys(node, where, Set.of("reply", "then"));
        String then = fields.text(node, where, "then", false);
        if (then != null && !then.equals("reask")) {
            fields.findings().add(where, "then", "must be reask");
        }
        return new MediaAtTextStep(fields.text(node, where, "reply", false), "reask");
    }

    private Bundle bundle(JsonNode node, Where where) {
        if (node == null || !fields.object(node, where, null)) {
            return Bundle.DEFAULT;
        }
        fields.onlyKeys(node, where, Set.of("min_other_answers", "reply"));
        Integer min = fields.integer(node, where, "min_other_answers", 1, 10);
        return new Bundle(Objects.requireNonNullElse(min, 2), fields.text(node, where, "reply", false));
    }

    private Handover handover(JsonNode node, Where where) {
        if (node == null || !fields.object(node, where, null)) {
            return Handover.DEFAULT;
        }
        fields.onlyKeys(node, where, Set.of("cooldown", "resume"));
        Duration cooldown = fields.duration(node, where, "cooldown", Duration.ofMinutes(1), Duration.ofDays(7));
        String resume = fields.text(node, where, "resume", false);
        if (resume != null && !List.of("on_next_message", "proactive").contains(resume)) {
            fields.findings().add(where, "resume", "must be on_next_message or proactive");
        }
        return new Handover(
                Objects.requireNonNullElse(cooldown, Handover.DEFAULT.cooldown()),
                Objects.requireNonNullElse(resume, Handover.DEFAULT.resume()));
    }

    private Reminder reminder(JsonNode node, Where where) {
        if (node == null || !fields.object(node, where, null)) {
            return null;
        }
        fields.onlyKeys(node, where, Set.of("after", "template", "max"));
        Duration after = fields.duration(node, where, "after", Duration.ofMinutes(1), Duration.ofDays(30));
        if (!node.has("after")) {
            fields.findings().add(where, "after", "is required");
        }
        String template = fields.text(node, where, "template", true);
        Integer max = fields.integer(node, where, "max", 0, 1);
        return new Reminder(after, template, Objects.requireNonNullElse(max, 1));
    }
}
