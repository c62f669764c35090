package io.parley.flows.definition;

import io.parley.flows.FlowProblem;
import io.parley.flows.definition.Findings.Where;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a flow document (already parsed from YAML or JSON) into a {@link Flow} and checks it: every problem found
 * names the step and field. The checks that need the tenant's data (templates) are the facade's.
 */
public final class FlowReading {
    public static final int MAX_STEPS = 200;
    private static final Set<String> KEYS = Set.of("key", "start", "settings", "steps");

    /** The outcome of reading a document. */
    public sealed interface Result permits Valid, Invalid {}

    public record Valid(Flow flow) implements Result {}

    public record Invalid(List<FlowProblem> problems) implements Result {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }

    private FlowReading() {}

    public static Result read(JsonNode root, String key) {
        Findings findings = new Findings();
        Fields fields = new Fields(findings);
        if (root == null || !root.isObject()) {
            findings.add(Where.FLOW, "", "the definition must be a mapping with key, start, settings and steps");
            return new Invalid(findings.problems());
        }
        fields.onlyKeys(root, Where.FLOW, KEYS);
        String given = fields.text(root, Where.FLOW, "key", false);
        if (given != null && !given.equals(key)) {
            findings.add(Where.FLOW, "key", "is '" + given + "' but the flow is saved as '" + key + "'");
        }
        Flow.Start start = start(root.get("start"), fields);
        FlowSettings settings = new SettingsReader(fields).read(root.get("settings"));
        JsonNode list = root.get("steps");
        if (list == null || !list.isArray() || list.isEmpty()) {
            findings.add(Where.FLOW, "steps", "is required: a list of at least one step");
            return new Invalid(findings.problems());
        }
        StepReader reader = new StepReader(fields);
        List<Step> steps = reader.readAll(list, null, "steps", 0);
        if (reader.count() > MAX_STEPS) {
            findings.add(
                    Where.FLOW, "steps", "has " + reader.count() + " steps; at most " + MAX_STEPS + " are allowed");
            return new Invalid(findings.problems());
        }
        Flow flow = new Flow(key, start, settings, steps);
        if (findings.isEmpty()) {
            // Targets and reachability mean something only once every step could be read.
            new FlowGraph(findings).check(flow, settings.repair());
        }
        return findings.isEmpty() ? new Valid(flow) : new Invalid(findings.problems());
    }

    private static Flow.Start start(JsonNode node, Fields fields) {
        Where where = Where.FLOW.field("start");
        if (node == null || node.isNull()) {
            return Flow.Start.DEFAULT;
        }
        if (!fields.object(node, where, null)) {
            return Flow.Start.DEFAULT;
        }
        fields.onlyKeys(node, where, Set.of("on", "step"));
        String on = fields.text(node, where, "on", false);
        if (on != null && !on.equals(Flow.Start.FIRST_MESSAGE)) {
            fields.findings().add(where, "on", "must be first_message");
        }
        return new Flow.Start(Flow.Start.FIRST_MESSAGE, fields.text(node, where, "step", false));
    }
}
