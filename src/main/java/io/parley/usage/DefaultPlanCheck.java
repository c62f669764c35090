package io.parley.usage;

import io.parley.usage.internal.LimitsRepository;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Fails the start when {@code parley.usage.default-plan} names no plan: otherwise every organization without a plan
 * of its own would fail its first limit check at runtime, long after the typo was made.
 */
@Component
class DefaultPlanCheck implements SmartInitializingSingleton {
    private final LimitsRepository repository;
    private final UsageProperties properties;

    DefaultPlanCheck(LimitsRepository repository, UsageProperties properties) {
        this.repository = repository;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        String plan = properties.defaultPlan();
        if (plan == null || repository.plan(plan).isEmpty()) {
            throw new UnknownPlanException(
                    plan, repository.plans().stream().map(Plan::name).toList());
        }
    }
}
