package io.parley.usage;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start refused because the default plan is not a plan: the plans there are and how to pick one. */
class UnknownPlanFailureAnalyzer extends AbstractFailureAnalyzer<UnknownPlanException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnknownPlanException cause) {
        return new FailureAnalysis(
                "PARLEY_USAGE_DEFAULTPLAN (parley.usage.default-plan) is '" + cause.plan() + "', but there is no plan "
                        + "of that name. Every organization that was never put on a plan gets this one, so Parley "
                        + "does not start with a name that would fail their first message.",
                "Set PARLEY_USAGE_DEFAULTPLAN to one of the plans: " + String.join(", ", cause.knownPlans())
                        + (cause.knownPlans().contains("enterprise")
                                ? " (\"enterprise\" is unlimited, for a self-hosted single tenant)"
                                : "")
                        + ", or leave it unset for \"free\". Plan names are case-sensitive.",
                cause);
    }
}
