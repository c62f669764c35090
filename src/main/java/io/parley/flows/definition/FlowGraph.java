package io.parley.flows.definition;

import io.parley.flows.definition.Findings.Where;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks over the whole flow: step ids unique, every target ({@code next}, {@code then}/{@code else},
 * {@code on}, {@code on_timeout}, {@code goto:}) an existing step or {@code END}, every step reached from the start,
 * and {@code END} reachable from every step (no step leads only into a loop). Edges are over-approximated: a step
 * may go to its {@code next} (or the following step), to every branch, and to every {@code on} target.
 */
final class FlowGraph {
    private static final String END = Next.END;

    private final Findings findings;
    private final Map<String, Step> steps = new LinkedHashMap<>();
    private final Map<String, List<String>> edges = new HashMap<>();

    FlowGraph(Findings findings) {
        this.findings = findings;
    }

    void check(Flow flow, FlowSettings.Repair repair) {
        collect(flow.steps());
        if (flow.steps().isEmpty()) {
            findings.add(Where.FLOW, "steps", "must have at least one step");
            return;
        }
        String start = flow.start().step() == null
                ? flow.steps().get(0).id()
                : flow.start().step();
        if (flow.start().step() != null && !steps.containsKey(start)) {
            findings.add(Where.FLOW, "start.step", "names no step: '" + start + "'");
            return;
        }
        if (repair.gotoStep() != null) {
            target(repair.gotoStep(), Where.FLOW, "settings.repair.exhausted");
        }
        link(flow.steps(), END, repair);
        Set<String> reached = reach(start, edges);
        for (Step step : steps.values()) {
            if (!reached.contains(step.id()) && step.addressable()) {
                findings.add(new Where(step.id(), ""), "id", "is never reached from the start");
            }
        }
        Map<String, List<String>> reverse = new HashMap<>();
        edges.forEach((from, tos) -> tos.forEach(
                to -> reverse.computeIfAbsent(to, k -> new ArrayList<>()).add(from)));
        Set<String> leadToEnd = reach(END, reverse);
        if (!leadToEnd.contains(start)) {
            findings.add(Where.FLOW, "steps", "END cannot be reached from the start step '" + start + "'");
        }
        for (String id : reached) {
            if (!id.equals(END) && !leadToEnd.contains(id) && !id.equals(start)) {
                Step step = steps.get(id);
                findings.add(where(step), "next", "END cannot be reached from this step (it only leads into a loop)");
            }
        }
    }

    private void collect(List<Step> list) {
        for (Step step : list) {
            if (steps.containsKey(step.id())) {
                findings.add(where(step), "id", "is used by more than one step");
            } else if (step.id().equals(END)) {
                findings.add(where(step), "id", "END is reserved for the end of the flow");
            }
            steps.putIfAbsent(step.id(), step);
            if (step.next() instanceof Next.Conditional conditional) {
                conditional.branches().forEach(b -> inline(b.then()));
                inline(conditional.otherwise());
            }
        }
    }

    private void inline(Next.Target target) {
        if (target instanceof Next.Inline inline) {
            collect(inline.steps());
        }
    }

    /** Adds each step's edges; {@code after} is where the list continues after its last step. */
    private void link(List<Step> list, String after, FlowSettings.Repair repair) {
        for (int i = 0; i < list.size(); i++) {
            Step step = list.get(i);
            String following = i + 1 < list.size() ? list.get(i + 1).id() : after;
            List<String> out = edges.computeIfAbsent(step.id(), k -> new ArrayList<>());
            Where where = where(step);
            step.on().forEach((event, to) -> add(out, to, where, "on." + event));
            if (step.kind() instanceof StepKind.Wait wait && wait.onTimeout() != null) {
                add(out, wait.onTimeout(), where, "wait.on_timeout");
            }
            if (step.kind() instanceof StepKind.Ask
                    && repair.gotoStep() != null
                    && steps.containsKey(repair.gotoStep())) {
                out.add(repair.gotoStep());
            }
            if (step.kind() instanceof StepKind.End) {
                out.add(END);
                continue;
            }
            switch (step.next()) {
                case null -> out.add(following);
                case Next.Goto go -> add(out, go.target(), where, "next");
                case Next.Conditional conditional -> {
                    for (int b = 0; b < conditional.branches().size(); b++) {
                        branch(out, conditional.branches().get(b).then(), where, "next[" + b + "].then", repair);
                    }
                    if (conditional.otherwise() == null) {
                        out.add(following);
                    } else {
                        branch(
                                out,
                                conditional.otherwise(),
                                where,
                                "next[" + conditional.branches().size() + "].else",
                                repair);
                    }
                }
            }
        }
    }

    private void branch(List<String> out, Next.Target target, Where where, String field, FlowSettings.Repair repair) {
        switch (target) {
            case Next.ToStep to -> add(out, to.id(), where, field);
            case Next.Inline inline -> {
                if (!inline.steps().isEmpty()) {
                    out.add(inline.steps().get(0).id());
                    link(inline.steps(), END, repair);
                }
            }
        }
    }

    private void add(List<String> out, String to, Where where, String field) {
        if (target(to, where, field)) {
            out.add(to);
        }
    }

    private boolean target(String to, Where where, String field) {
        Step step = steps.get(to);
        if (to.equals(END) || (step != null && step.addressable())) {
            return true;
        }
        findings.add(where, field, "names no step: '" + to + "'");
        return false;
    }

    private static Set<String> reach(String from, Map<String, List<String>> graph) {
        Set<String> seen = new HashSet<>(Set.of(from));
        Deque<String> queue = new ArrayDeque<>(List.of(from));
        while (!queue.isEmpty()) {
            for (String next : graph.getOrDefault(queue.poll(), List.of())) {
                if (seen.add(next)) {
                    queue.add(next);
                }
            }
        }
        return seen;
    }

    private static Where where(Step step) {
        if (step.addressable()) {
            return new Where(step.id(), "");
        }
        int cut = step.id().indexOf('~');
        return new Where(step.id().substring(0, cut), step.id().substring(cut + 1));
    }
}
