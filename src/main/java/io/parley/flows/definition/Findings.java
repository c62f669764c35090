package io.parley.flows.definition;

import io.parley.flows.FlowProblem;
import java.util.ArrayList;
import java.util.List;

/** The problems found while reading and checking one definition, in the order found. */
public final class Findings {
    private final List<FlowProblem> problems = new ArrayList<>();

    /** Where a field is: the step (null at flow level) and the path prefix inside it. */
    record Where(String step, String prefix) {
        static final Where FLOW = new Where(null, "");

        Where field(String name) {
            return new Where(step, path(name));
        }

        String path(String name) {
            return prefix.isEmpty() ? name : name.startsWith("[") ? prefix + name : prefix + "." + name;
        }
    }

    void add(Where where, String field, String message) {
        problems.add(FlowProblem.at(where.step(), field == null ? where.prefix() : where.path(field), message));
    }

    public List<FlowProblem> problems() {
        return List.copyOf(problems);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }
}
