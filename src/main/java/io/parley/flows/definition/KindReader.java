package io.parley.flows.definition;

import io.parley.flows.definition.Findings.Where;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Reads the options of each step kind (see {@link StepKind}). */
final class KindReader {
    static final Set<String> ACTIONS =
            Set.of("calendar.find_slots", "calendar.hold", "notify.staff", "http", "sheets.append");
    static final Set<String> ACCEPTS = Set.of("text", "image", "audio", "video", "document", "location");
    private static final Set<String> EXTRACT_TYPES = Set.of("string", "number", "integer", "boolean");
    private static final Pattern TOOL = Pattern.compile("tool\\.[A-Za-z0-9_-]{1,64}");
    private static final Pattern SET_TARGET = Pattern.compile("(answers|vars)\\.[a-z0-9_]{1,64}|status");
    private static final Pattern CURRENCY = Pattern.compile("[a-zA-Z]{3}");
    private static final Pattern NOTIFY = Pattern.compile("[a-z0-9_.]{1,64}");

    private final Fields fields;
    private final Messages messages;
    private final ParseSpecs parsers;

    KindReader(Fields fields, Messages messages) {
        this.fields = fields;
        this.messages = messages;
        this.parsers = new ParseSpecs(fields);
    }

    StepKind read(String kind, JsonNode step, Where where) {
        JsonNode value = step.get(kind);
        Where at = where.field(kind);
        return switch (kind) {
            case "say" -> {
                Message message = messages.read(value, at);
                yield message == null ? null : new StepKind.Say(message);
            }
            case "ask" -> ask(step, where);
            case "llm" -> llm(value, step, where);
            case "branch" -> branch(value, step, where);
            case "set" -> set(value, at);
            case "action" -> action(value, at);
            case "payment" -> payment(value, at);
            case "wait" -> waitFor(value, at);
            case "handover" -> handover(value, at);
            default -> end(value, at);
        };
    }

    private StepKind ask(JsonNode step, Where where) {
        Message prompt = messages.read(step.get("ask"), where.field("ask"));
        ParseSpec parse = parsers.read(step.get("parse"), where);
        String store = fields.name(step, where, "store", false);
        List<String> accepts = fields.texts(step, where, "accepts", ACCEPTS.size());
        for (int i = 0; i < accepts.size(); i++) {
            if (!ACCEPTS.contains(accepts.get(i))) {
                fields.findings().add(where, "accepts[" + i + "]", "must be one of " + StepReader.sorted(ACCEPTS));
            }
        }
        String repair = null;
        JsonNode repairNode = step.get("repair");
        if (repairNode != null && repairNode.isString()) {
            repair = fields.text(repairNode.asString(), where, "repair");
        } else if (repairNode != null && !repairNode.isNull()) {
            fields.findings().add(where, "repair", "must be the repair prompt (a text)");
        }
        Placeholders.check(repair, where, "repair", fields.findings());
        return prompt == null
                ? null
                : new StepKind.Ask(prompt, parse, store, accepts.isEmpty() ? List.of("text") : accepts, repair);
    }

    private StepKind llm(JsonNode value, JsonNode step, Where where) {
        Where at = where.field("llm");
        if (!fields.object(value, at, null)) {
            return null;
        }
        fields.onlyKeys(value, at, Set.of("extract", "reply", "instructions", "from"));
        boolean extract = value.has("extract");
        boolean reply = value.has("reply") && value.get("reply").asBoolean(false);
        if (extract == reply) {
            fields.findings().add(at, null, "needs exactly one of extract (a schema) or reply: true");
        }
        Map<String, String> schema = null;
        if (extract && fields.object(value.get("extract"), at, "extract")) {
            schema = new LinkedHashMap<>();
            for (String name : value.get("extract").propertyNames()) {
                JsonNode type = value.get("extract").get(name);
                if (!Fields.NAME.matcher(name).matches()
                        || !type.isString()
                        || !EXTRACT_TYPES.contains(type.asString())) {
                    fields.findings()
                            .add(
                                    at,
                                    "extract." + name,
                                    "must map a field name to one of " + StepReader.sorted(EXTRACT_TYPES));
                } else {
                    schema.put(name, type.asString());
                }
            }
        }
        String store = fields.name(step, where, "store", extract);
        return new StepKind.Llm(
                schema,
                reply,
                fields.text(value, at, "instructions", false),
                fields.text(value, at, "from", false),
                store);
    }

    private StepKind branch(JsonNode value, JsonNode step, Where where) {
        if (!(value.isBoolean() && value.asBoolean()) && !(value.isObject() && value.isEmpty()) && !value.isNull()) {
            fields.findings().add(where, "branch", "takes no options (write branch: {} and give next)");
        }
        if (!step.has("next")) {
            fields.findings().add(where, "next", "is required for a branch step");
        }
        return new StepKind.Branch();
    }

    private StepKind set(JsonNode value, Where at) {
        if (!fields.object(value, at, null) || value.isEmpty()) {
            fields.findings().add(at, null, "must set at least one of answers.<x>, vars.<x> or status");
            return null;
        }
        Map<String, JsonNode> values = new LinkedHashMap<>();
        for (String target : value.propertyNames()) {
            JsonNode v = value.get(target);
            if (!SET_TARGET.matcher(target).matches()) {
                fields.findings().add(at, target, "must be answers.<name>, vars.<name> or status");
            } else if (target.equals("status") && !(v.isString() && StepReader.STATUSES.contains(v.asString()))) {
                fields.findings().add(at, target, "must be one of " + StepReader.sorted(StepReader.STATUSES));
            } else if (v.isContainer() && v.size() > 50) {
                fields.findings().add(at, target, "is too large (at most 50 entries)");
            } else {
                values.put(target, v);
            }
        }
        return new StepKind.SetValues(values);
    }

    private StepKind action(JsonNode value, Where at) {
        if (!fields.object(value, at, null) || value.size() != 1) {
            fields.findings().add(at, null, "must name one action: {<action>: {<arguments>}}");
            return null;
        }
        String name = value.propertyNames().iterator().next();
        if (!ACTIONS.contains(name) && !TOOL.matcher(name).matches()) {
            String hint = Suggestions.closest(name, ACTIONS)
                    .map(s -> " (did you mean '" + s + "'?)")
                    .orElse("");
            fields.findings()
                    .add(
                            at,
                            name,
                            "unknown action '" + name + "'" + hint + "; built-ins are " + StepReader.sorted(ACTIONS)
                                    + ", the organization's tools are tool.<name>");
            return null;
        }
        JsonNode arguments = value.get(name);
        if (!arguments.isNull() && !arguments.isObject()) {
            fields.findings().add(at, name, "arguments must be a mapping");
            return null;
        }
        return new StepKind.Action(name, arguments);
    }

    private StepKind payment(JsonNode value, Where at) {
        if (!fields.object(value, at, null)) {
            return null;
        }
        fields.onlyKeys(value, at, Set.of("amount_minor", "currency", "label", "expires_in"));
        Integer amount = fields.integer(value, at, "amount_minor", 1, 99_999_999);
        if (!value.has("amount_minor")) {
            fields.findings().add(at, "amount_minor", "is required (the amount in the currency's minor unit)");
        }
        String currency = fields.text(value, at, "currency", true);
        if (currency != null && !CURRENCY.matcher(currency).matches()) {
            fields.findings().add(at, "currency", "must be a three-letter ISO currency code such as eur");
        }
        String label = fields.text(value, at, "label", true);
        Duration expires = fields.duration(value, at, "expires_in", Duration.ofMinutes(30), Duration.ofHours(24));
        return new StepKind.Payment(
                amount == null ? 0 : amount,
                currency == null ? null : currency.toLowerCase(Locale.ROOT),
                label,
                Objects.requireNonNullElse(expires, Duration.ofHours(12)));
    }

    private StepKind waitFor(JsonNode value, Where at) {
        if (!fields.object(value, at, null)) {
            return null;
        }
        fields.onlyKeys(value, at, Set.of("event", "timeout", "on_timeout"));
        String event = fields.text(value, at, "event", false);
        Duration timeout = fields.duration(value, at, "timeout", Duration.ofMinutes(1), Duration.ofDays(90));
        String onTimeout = fields.text(value, at, "on_timeout", false);
        if (event == null && !value.has("timeout")) {
            fields.findings().add(at, null, "needs an event, a timeout or both");
        }
        if (onTimeout != null && !value.has("timeout")) {
            fields.findings().add(at, "on_timeout", "needs a timeout");
        }
        return new StepKind.Wait(event, timeout, onTimeout);
    }

    private StepKind handover(JsonNode value, Where at) {
        if (value.isBoolean() || value.isNull()) {
            return new StepKind.Handover(null);
        }
        if (!fields.object(value, at, null)) {
            return null;
        }
        fields.onlyKeys(value, at, Set.of("note"));
        return new StepKind.Handover(fields.text(value, at, "note", false));
    }

    private StepKind end(JsonNode value, Where at) {
        if (value.isBoolean() || value.isNull()) {
            return new StepKind.End(null, null);
        }
        if (!fields.object(value, at, null)) {
            return null;
        }
        fields.onlyKeys(value, at, Set.of("status", "notify"));
        String status = fields.text(value, at, "status", false);
        if (status != null && !StepReader.STATUSES.contains(status)) {
            fields.findings().add(at, "status", "must be one of " + StepReader.sorted(StepReader.STATUSES));
        }
        String notify = fields.text(value, at, "notify", false);
        if (notify != null && !NOTIFY.matcher(notify).matches()) {
            fields.findings().add(at, "notify", "must be a notification name (lowercase letters, digits, _ and .)");
        }
        return new StepKind.End(status, notify);
    }
}
