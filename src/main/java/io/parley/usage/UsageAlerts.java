package io.parley.usage;

import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.OrganizationId;
import io.parley.usage.internal.UsageTotalsRepository;
import io.parley.usage.internal.UsageTotalsRepository.Totals;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.springframework.stereotype.Component;

/**
 * The 80 % warning and the 100 % event, each once per organization, period, limit and limit value (raising a limit
 * re-arms them). Runs in the transaction that added the usage, so the mark and the event commit together.
 */
@Component
class UsageAlerts {
    private static final BigDecimal WARNING = new BigDecimal("0.8");
    private final UsageTotalsRepository totals;
    private final SystemEvents events;

    UsageAlerts(UsageTotalsRepository totals, SystemEvents events) {
        this.totals = totals;
        this.events = events;
    }

    void check(OrganizationId org, LocalDate period, EffectiveLimits limits, Totals used) {
        check(
                org,
                period,
                "monthlyMessages",
                limits.monthlyMessages() == null ? null : BigDecimal.valueOf(limits.monthlyMessages()),
                BigDecimal.valueOf(used.messages()));
        check(
                org,
                period,
                "monthlyTokens",
                limits.monthlyTokens() == null ? null : BigDecimal.valueOf(limits.monthlyTokens()),
                BigDecimal.valueOf(used.tokensIn() + used.tokensOut()));
        check(org, period, "monthlyCostBudget", limits.monthlyCostBudget(), used.cost());
    }

    void unpriced(OrganizationId org, LocalDate period, UsageRecord record) {
        if (totals.firstNotice(org, period, "unpriced:" + record.provider() + "/" + record.model())) {
            events.record(SystemEvent.of(SystemEvent.Level.WARN, "usage.unpriced")
                    .organization(org)
                    .chatbot(record.chatbotId())
                    .conversation(record.conversationId())
                    .with("provider", record.provider())
                    .with("model", record.model())
                    .with("periodStart", period.toString())
                    .build());
        }
    }

    private void check(OrganizationId org, LocalDate period, String name, BigDecimal limit, BigDecimal used) {
        if (limit == null) {
            return;
        }
        if (used.compareTo(limit.multiply(WARNING)) >= 0) {
            emitOnce(org, period, SystemEvent.Level.WARN, "usage.warning", name, limit, used);
        }
        if (used.compareTo(limit) >= 0) {
            emitOnce(org, period, SystemEvent.Level.ERROR, "usage.limit_reached", name, limit, used);
        }
    }

    private void emitOnce(
            OrganizationId org,
            LocalDate period,
            SystemEvent.Level level,
            String type,
            String name,
            BigDecimal limit,
            BigDecimal used) {
        if (totals.firstNotice(
                org,
                period,
                type + ":" + name + ":" + limit.stripTrailingZeros().toPlainString())) {
            events.record(SystemEvent.of(level, type)
                    .organization(org)
                    .with("limit", name)
                    .with("value", limit.stripTrailingZeros().toPlainString())
                    .with("used", used.stripTrailingZeros().toPlainString())
                    .with("periodStart", period.toString())
                    .build());
        }
    }
}
