package io.parley.usage;

import java.util.List;

/** The configured default plan names no plan; {@link UnknownPlanFailureAnalyzer} turns it into the fix. */
final class UnknownPlanException extends IllegalStateException {
    private final String plan;
    private final List<String> knownPlans;

    UnknownPlanException(String plan, List<String> knownPlans) {
        super("parley.usage.default-plan (PARLEY_USAGE_DEFAULTPLAN) is '" + plan + "', which is not a plan; known "
                + "plans: " + knownPlans);
        this.plan = plan;
        this.knownPlans = List.copyOf(knownPlans);
    }

    String plan() {
        return plan;
    }

    List<String> knownPlans() {
        return knownPlans;
    }
}
