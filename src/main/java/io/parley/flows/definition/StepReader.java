package io.parley.flows.definition;

import io.parley.flows.definition.Findings.Where;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * Reads steps: the keys every step may have, exactly one kind, and the keys that kind allows. {@code then} and
 * {@code else} may hold steps written in place; those are read here too (recursively, at most 8 levels).
 */
final class StepReader {
    static final Set<String> KINDS =
            Set.of("say", "ask", "llm", "branch", "set", "action", "payment", "wait", "handover", "end");
    private static final Set<String> COMMON = Set.of("id", "next", "set_status", "on");
    /** The keys a kind allows besides {@link #COMMON} and itself. */
    private static final Map<String, Set<String>> EXTRA = Map.of(
            "ask", Set.of("parse", "store", "accepts", "repair"),
            "llm", Set.of("store"),
            "payment", Set.of("say"),
            "handover", Set.of("say"),
            "end", Set.of("say"));

    static final Set<String> STATUSES = Set.of(
            "new",
            "qualifying",
            "qualified",
            "awaiting_deposit",
            "deposit_paid",
            "deposit_expired",
            "booked",
            "disqualified",
            "lost",
            "cancelled");

    private static final Pattern EVENT = Pattern.compile("[a-z0-9_.]{1,64}");
    private static final int MAX_NESTING = 8;

    private final Fields fields;
    private final Messages messages;
    private final KindReader kinds;
    private int count;

    StepReader(Fields fields) {
        this.fields = fields;
        this.messages = new Messages(fields);
        this.kinds = new KindReader(fields, messages);
    }

    /** How many steps were read, nested ones included. */
    int count() {
        return count;
    }

    List<Step> readAll(JsonNode list, String parent, String prefix, int nesting) {
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            Step step = read(list.get(i), parent, prefix + "[" + i + "]", nesting);
            if (step != null) {
                steps.add(step);
            }
        }
        return steps;
    }

    /**
     * @param parent the enclosing step's id for a step written in place, else null
     * @param at     where the step is: {@code steps[3]} or, in place, {@code next[0].then[1]}
     */
    private Step read(JsonNode node, String parent, String at, int nesting) {
        count++;
        Where outer = parent == null ? Where.FLOW : new Where(parent, "");
        if (!fields.object(node, outer, at)) {
            return null;
        }
        String givenId = fields.name(node, outer.field(at), "id", parent == null);
        String id = givenId != null ? givenId : (parent == null ? at : parent + "~" + at);
        Where where = givenId != null ? new Where(givenId, "") : outer.field(at);
        List<String> present =
                node.propertyNames().stream().filter(KINDS::contains).sorted().toList();
        String kindName = kindOf(present, where);
        if (kindName == null) {
            return null;
        }
        Set<String> allowed = new java.util.HashSet<>(COMMON);
        allowed.add(kindName);
        allowed.addAll(EXTRA.getOrDefault(kindName, Set.of()));
        fields.onlyKeys(node, where, allowed);
        StepKind kind = kinds.read(kindName, node, where);
        Message say =
                !kindName.equals("say") && node.has("say") ? messages.read(node.get("say"), where.field("say")) : null;
        String status = fields.text(node, where, "set_status", false);
        if (status != null && !STATUSES.contains(status)) {
            fields.findings().add(where, "set_status", "must be one of " + sorted(STATUSES));
        }
        Next next = node.has("next") ? next(node.get("next"), id, where, nesting) : null;
        return kind == null ? null : new Step(id, kind, next, status, on(node.get("on"), where), say);
    }

    private String kindOf(List<String> present, Where where) {
        List<String> kinds = new ArrayList<>(present);
        if (kinds.size() > 1) {
            kinds.remove("say"); // say is also the text of payment, handover and end
        }
        if (kinds.size() == 1
                && (present.size() == 1
                        || EXTRA.getOrDefault(kinds.get(0), Set.of()).contains("say"))) {
            return kinds.get(0);
        }
        if (present.isEmpty()) {
            fields.findings().add(where, null, "has no kind: give exactly one of " + sorted(KINDS));
        } else {
            fields.findings()
                    .add(where, null, "has several kinds " + present + ": give exactly one of " + sorted(KINDS));
        }
        return null;
    }

    private Next next(JsonNode node, String id, Where where, int nesting) {
        if (node.isString()) {
            return new Next.Goto(node.asString().strip());
        }
        if (!node.isArray() || node.isEmpty()) {
            fields.findings().add(where, "next", "must be a step id, END, or a list of {if, then} ending with {else}");
            return null;
        }
        List<Next.Branch> branches = new ArrayList<>();
        Next.Target otherwise = null;
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            Where at = where.field("next[" + i + "]");
            if (!fields.object(item, at, null)) {
                continue;
            }
            boolean last = i == node.size() - 1;
            if (item.has("else")) {
                fields.onlyKeys(item, at, Set.of("else"));
                if (!last) {
                    fields.findings().add(at, "else", "must be the last entry of next");
                }
                otherwise = target(item.get("else"), id, at, "else", nesting);
                continue;
            }
            fields.onlyKeys(item, at, Set.of("if", "then"));
            String condition =
                    item.has("if") && item.get("if").isString() ? item.get("if").asString() : null;
            if (condition == null) {
                fields.findings().add(at, "if", "is required and must be a text");
            } else {
                ConditionSyntax.check(condition)
                        .ifPresent(problem -> fields.findings().add(at, "if", problem));
            }
            if (!item.has("then")) {
                fields.findings().add(at, "then", "is required");
                continue;
            }
            Next.Target then = target(item.get("then"), id, at, "then", nesting);
            if (condition != null && then != null) {
                branches.add(new Next.Branch(condition, then));
            }
        }
        return new Next.Conditional(branches, otherwise);
    }

    private Next.Target target(JsonNode node, String id, Where at, String field, int nesting) {
        if (node.isString()) {
            return new Next.ToStep(node.asString().strip());
        }
        if (!node.isArray() || node.isEmpty()) {
            fields.findings().add(at, field, "must be a step id, END, or a list of steps");
            return null;
        }
        if (nesting >= MAX_NESTING) {
            fields.findings().add(at, field, "nests steps more than " + MAX_NESTING + " levels deep");
            return null;
        }
        String owner = id.contains("~") ? id.substring(0, id.indexOf('~')) : id;
        String prefix = (at.prefix() + "." + field).replaceFirst("^\\.", "");
        return new Next.Inline(readAll(node, owner, prefix, nesting + 1));
    }

    private Map<String, String> on(JsonNode node, Where where) {
        if (node == null || node.isNull() || !fields.object(node, where, "on")) {
            return Map.of();
        }
        Map<String, String> on = new LinkedHashMap<>();
        for (String event : node.propertyNames()) {
            JsonNode target = node.get(event);
            if (!EVENT.matcher(event).matches()) {
                fields.findings().add(where, "on." + event, "is not an event name");
            } else if (!target.isString() || target.asString().isBlank()) {
                fields.findings().add(where, "on." + event, "must be a step id or END");
            } else {
                on.put(event, target.asString().strip());
            }
        }
        return on;
    }

    static String sorted(Set<String> values) {
        return values.stream().sorted().collect(Collectors.joining(", ", "[", "]"));
    }
}
