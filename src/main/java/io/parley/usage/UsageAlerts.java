package io.parley.usage;

import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.OrganizationId;
import io.parley.usage.internal.UsageTotalsRepository;
import io.parley.usage.internal.UsageTotalsRepository.Totals;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The 80 % warning and the 100 % event, each once per organization, period, limit and limit value (raising a limit
 * re-arms them). Runs in the transaction that added the usage, so the mark and the event commit together. A notice
 * this node saw committed (given now, or found given) is remembered, so a model without a price does not cost
 * every turn an insert into {@code usage_notices}; only a committed mark is remembered, so a rolled-back turn
 * cannot hide a notice.
 */
@Component
class UsageAlerts {
    private static final BigDecimal WARNING = new BigDecimal("0.8");
    private static final int REMEMBERED = 10_000;
    private final UsageTotalsRepository totals;
    private final SystemEvents events;
    private final Set<String> given = ConcurrentHashMap.newKeySet();

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
        if (firstNotice(org, period, "unpriced:" + record.provider() + "/" + record.model())) {
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
        if (firstNotice(
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

    /** True for the one caller that gives the notice; false when it was given before (remembered or stored). */
    private boolean firstNotice(OrganizationId org, LocalDate period, String notice) {
        String key = org.value() + "/" + period + "/" + notice;
        if (given.contains(key)) {
            return false;
        }
        boolean first = totals.firstNotice(org, period, notice);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    remember(key);
                }
            });
        } else {
            remember(key);
        }
        return first;
    }

    private void remember(String key) {
        if (given.size() >= REMEMBERED) {
            given.clear();
        }
        given.add(key);
    }
}
