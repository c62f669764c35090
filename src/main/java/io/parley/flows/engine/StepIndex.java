package io.parley.flows.engine;

import io.parley.flows.definition.Flow;
import io.parley.flows.definition.Next;
import io.parley.flows.definition.Step;
import io.parley.flows.definition.StepKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every step of a flow by id, written in place ({@code then}/{@code else} lists) included, and the step that follows
 * each when it has no {@code next}: the next one in its list; after the last step of the flow, or of a list written in
 * place, the flow ends.
 */
final class StepIndex {
    private final Map<String, Step> steps = new HashMap<>();
    private final Map<String, String> following = new HashMap<>();
    private final String first;

    record Ask(Step step, StepKind.Ask ask) {}

    private final List<Ask> askSteps = new ArrayList<>();

    StepIndex(Flow flow) {
        add(flow.steps());
        first = flow.start() != null && flow.start().step() != null
                ? flow.start().step()
                : flow.steps().getFirst().id();
    }

    private void add(List<Step> list) {
        for (int i = 0; i < list.size(); i++) {
            Step step = list.get(i);
            steps.put(step.id(), step);
            following.put(step.id(), i + 1 < list.size() ? list.get(i + 1).id() : Next.END);
            if (step.kind() instanceof StepKind.Ask ask) {
                askSteps.add(new Ask(step, ask));
            }
            if (step.next() instanceof Next.Conditional conditional) {
                conditional.branches().forEach(branch -> addTarget(branch.then()));
                addTarget(conditional.otherwise());
            }
        }
    }

    private void addTarget(Next.Target target) {
        if (target instanceof Next.Inline inline && !inline.steps().isEmpty()) {
            add(inline.steps());
        }
    }

    String first() {
        return first;
    }

    Optional<Step> step(String id) {
        return Optional.ofNullable(steps.get(id));
    }

    String following(String id) {
        return following.getOrDefault(id, Next.END);
    }

    /** Every {@code ask} step, in the order written. */
    List<Ask> asks() {
        return askSteps;
    }
}
