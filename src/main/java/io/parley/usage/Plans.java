package io.parley.usage;

import io.parley.platform.InvalidRequestException;
import io.parley.platform.NotFoundException;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.Organizations;
import io.parley.usage.internal.LimitsRepository;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The operator's side of limits: editing plans, putting organizations on a plan, per-organization overrides. */
@Service
public class Plans {
    private static final BigDecimal MAX_COST_BUDGET = new BigDecimal("99999999.9999995");

    private final LimitsRepository repository;
    private final Organizations organizations;
    private final Limits limits;

    Plans(LimitsRepository repository, Organizations organizations, Limits limits) {
        this.repository = repository;
        this.organizations = organizations;
        this.limits = limits;
    }

    public List<Plan> list() {
        return repository.plans();
    }

    public Plan get(String name) {
        return repository
                .plan(name)
                .orElseThrow(() -> new NotFoundException("plan_not_found", "No plan named '" + name + "'"));
    }

    /** Creates the plan or replaces all its limits. */
    @Transactional
    public Plan put(Plan plan) {
        if (plan.name() == null || !plan.name().matches("[a-z0-9][a-z0-9_-]{0,39}")) {
            throw invalid("name", "must be 1 to 40 lower-case letters, digits, '-' or '_'");
        }
        requireNonNegative("monthlyMessages", plan.monthlyMessages());
        requireNonNegative("monthlyTokens", plan.monthlyTokens());
        requireCostBudget(plan.monthlyCostBudget());
        requireNonNegative("contactDailyMessages", plan.contactDailyMessages());
        requireNonNegative("ratePerHourPerContact", plan.ratePerHourPerContact());
        requirePositive("maxMessageLength", plan.maxMessageLength());
        requireNonNegative("maxToolRounds", plan.maxToolRounds());
        requireNonNegative("knowledgeDocuments", plan.knowledgeDocuments());
        requireNonNegative("knowledgeUrls", plan.knowledgeUrls());
        requireNonNegative("knowledgeIngestionsPerDay", plan.knowledgeIngestionsPerDay());
        requireNonNegative("knowledgeStorageBytes", plan.knowledgeStorageBytes());
        requireNonNegative("maxMediaBytes", plan.maxMediaBytes());
        repository.upsertPlan(plan);
        return get(plan.name());
    }

    @Transactional
    public EffectiveLimits setPlan(OrganizationId organizationId, String plan) {
        organizations.get(organizationId);
        if (plan == null || repository.plan(plan.trim()).isEmpty()) {
            throw invalid(
                    "plan",
                    "must be one of "
                            + repository.plans().stream().map(Plan::name).toList());
        }
        repository.setPlan(organizationId, plan.trim());
        return limits.effective(organizationId);
    }

    @Transactional
    public EffectiveLimits override(OrganizationId organizationId, LimitsPatch patch) {
        organizations.get(organizationId);
        LimitsPatch p = patch == null
                ? new LimitsPatch(null, null, null, null, null, null, null, null, null, null, null)
                : patch;
        requireNonNegative("monthlyMessages", p.monthlyMessages());
        requireNonNegative("monthlyTokens", p.monthlyTokens());
        requireCostBudget(p.monthlyCostBudget());
        requireNonNegative("contactDailyMessages", p.contactDailyMessages());
        requireNonNegative("ratePerHourPerContact", p.ratePerHourPerContact());
        requirePositive("maxMessageLength", p.maxMessageLength());
        requireNonNegative("knowledgeDocuments", p.knowledgeDocuments());
        requireNonNegative("knowledgeUrls", p.knowledgeUrls());
        requireNonNegative("knowledgeIngestionsPerDay", p.knowledgeIngestionsPerDay());
        requireNonNegative("knowledgeStorageBytes", p.knowledgeStorageBytes());
        requireNonNegative("maxMediaBytes", p.maxMediaBytes());
        repository.patch(organizationId, limits.fresh(organizationId).plan(), p);
        return limits.effective(organizationId);
    }

    private static void requireNonNegative(String field, Number value) {
        if (value != null && new BigDecimal(value.toString()).signum() < 0) {
            throw invalid(field, "must be a number ≥ 0");
        }
    }

    /**
     * monthly_cost_budget is numeric(14, 6): from 99999999.9999995 up PostgreSQL would round it to 10^8, which does
     * not fit, and refuse it as a database error. compareTo looks at the exponent first, so 1e999999999 costs nothing.
     */
    private static void requireCostBudget(BigDecimal value) {
        if (value != null && (value.signum() < 0 || value.compareTo(MAX_COST_BUDGET) >= 0)) {
            throw invalid("monthlyCostBudget", "must be a number from 0 to 99999999.999999");
        }
    }

    private static void requirePositive(String field, Integer value) {
        if (value != null && value < 1) {
            throw invalid(field, "must be ≥ 1");
        }
    }

    private static InvalidRequestException invalid(String field, String message) {
        return new InvalidRequestException(
                "validation_failed",
                field + " " + message,
                Map.of("errors", List.of(Map.of("field", field, "message", message))));
    }
}
