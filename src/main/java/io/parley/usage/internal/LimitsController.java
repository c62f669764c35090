package io.parley.usage.internal;

import io.parley.access.OperatorOnly;
import io.parley.access.RequiresRole;
import io.parley.access.Role;
import io.parley.platform.Ids;
import io.parley.platform.InvalidRequestException;
import io.parley.platform.OrganizationId;
import io.parley.platform.QueryInstants;
import io.parley.usage.EffectiveLimits;
import io.parley.usage.Limits;
import io.parley.usage.LimitsPatch;
import io.parley.usage.Plans;
import io.parley.usage.UsageGroup;
import io.parley.usage.UsageLedger;
import io.parley.usage.UsagePeriod;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An organization's plan, limit overrides and usage. */
@RestController
@RequestMapping("/api/v1/organizations/{orgId}")
class LimitsController {
    private final Plans plans;
    private final Limits limits;
    private final UsageLedger usage;

    LimitsController(Plans plans, Limits limits, UsageLedger usage) {
        this.plans = plans;
        this.limits = limits;
        this.usage = usage;
    }

    record SetPlan(String plan) {}

    record UsageView(
            Instant periodStart,
            Instant periodEnd,
            long messages,
            long tokensIn,
            long tokensOut,
            BigDecimal cost,
            long unpriced,
            EffectiveLimits limits,
            String groupBy,
            List<UsageGroup> groups) {}

    @OperatorOnly
    @PutMapping("/plan")
    EffectiveLimits setPlan(@PathVariable String orgId, @RequestBody(required = false) SetPlan request) {
        return plans.setPlan(organization(orgId), request == null ? null : request.plan());
    }

    @RequiresRole(Role.ADMIN)
    @GetMapping("/limits")
    EffectiveLimits limits(@PathVariable String orgId) {
        OrganizationId id = organization(orgId);
        usage.currentPeriod(id);
        return limits.effective(id);
    }

    @OperatorOnly
    @PatchMapping("/limits")
    EffectiveLimits patch(@PathVariable String orgId, @RequestBody(required = false) LimitsPatch request) {
        return plans.override(organization(orgId), request);
    }

    @RequiresRole(Role.ADMIN)
    @GetMapping("/usage")
    UsageView usage(
            @PathVariable String orgId,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String groupBy) {
        OrganizationId id = organization(orgId);
        UsagePeriod current = usage.currentPeriod(id);
        EffectiveLimits effective = limits.effective(id);
        if (from == null && to == null && groupBy == null) {
            return new UsageView(
                    current.periodStart(),
                    current.periodEnd(),
                    current.messages(),
                    current.tokensIn(),
                    current.tokensOut(),
                    current.cost(),
                    current.unpriced(),
                    effective,
                    null,
                    null);
        }
        Instant start = from == null ? current.periodStart() : instant("from", from);
        Instant end = to == null ? current.periodEnd() : instant("to", to);
        List<UsageGroup> groups = usage.history(id, start, end, groupBy);
        return new UsageView(
                start,
                end,
                groups.stream().mapToLong(UsageGroup::messages).sum(),
                groups.stream().mapToLong(UsageGroup::tokensIn).sum(),
                groups.stream().mapToLong(UsageGroup::tokensOut).sum(),
                groups.stream().map(UsageGroup::cost).reduce(BigDecimal.ZERO, BigDecimal::add),
                groups.stream().mapToLong(UsageGroup::unpriced).sum(),
                effective,
                groupBy,
                groups);
    }

    /** An instant ({@code 2026-05-01T00:00:00Z}) or a date ({@code 2026-05-01}, midnight UTC). */
    private static Instant instant(String field, String text) {
        try {
            return QueryInstants.within(
                    field,
                    text.length() == 10
                            ? java.time.LocalDate.parse(text)
                                    .atStartOfDay(java.time.ZoneOffset.UTC)
                                    .toInstant()
                            : Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw new InvalidRequestException("validation_failed", field + " must be an ISO-8601 instant or date");
        }
    }

    private static OrganizationId organization(String orgId) {
        return Ids.parse(orgId, "organization", OrganizationId::new);
    }
}
