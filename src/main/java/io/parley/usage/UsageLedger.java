package io.parley.usage;

import io.parley.platform.ConversationId;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.Organizations;
import io.parley.usage.internal.UsageRepository;
import io.parley.usage.internal.UsageTotalsRepository;
import io.parley.usage.internal.UsageTotalsRepository.Totals;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The usage ledger and its period aggregates. The aggregates change only here, in the transaction that inserts the
 * record, so the ledger and the totals the limits read can never disagree.
 */
@Service
public class UsageLedger {
    private final UsageRepository repository;
    private final UsageTotalsRepository totals;
    private final UsageAlerts alerts;
    private final Limits limits;
    private final Organizations organizations;
    private final Clock clock;

    UsageLedger(UsageRepository repository, UsageTotalsRepository totals, UsageAlerts alerts, Limits limits,
                Organizations organizations, Clock clock) {
        this.repository = repository;
        this.totals = totals;
        this.alerts = alerts;
        this.limits = limits;
        this.organizations = organizations;
        this.clock = clock;
    }

    /** Records a turn's usage in the caller's transaction; a turn is recorded at most once (unique turn id). */
    @Transactional
    public void record(UsageRecord record) {
        if (!repository.insert(record)) {
            return;
        }
        Instant now = clock.instant();
        BillingPeriod period = BillingPeriod.containing(now);
        totals.add(record, period.start(), BillingPeriod.day(now));
        if (record.cost() == null && record.tokensIn() + record.tokensOut() > 0) {
            alerts.unpriced(record.organizationId(), period.start(), record);
        }
        alerts.check(record.organizationId(), period.start(), limits.effective(record.organizationId()),
                totals.period(record.organizationId(), period.start()));
    }

    public List<UsageRecord> forConversation(ConversationId conversationId) {
        return repository.forConversation(conversationId);
    }

    /** The organization's usage in the current billing period. */
    public UsagePeriod currentPeriod(OrganizationId organizationId) {
        organizations.get(organizationId);
        BillingPeriod period = BillingPeriod.containing(clock.instant());
        Totals t = totals.period(organizationId, period.start());
        return new UsagePeriod(period.startInstant(), period.endInstant(), t.messages(), t.tokensIn(), t.tokensOut(),
                t.cost(), t.unpriced());
    }

    /** Usage over [from, to) from the ledger, grouped by chatbot, contact, model or day (null: one "total" group). */
    public List<UsageGroup> history(OrganizationId organizationId, Instant from, Instant to, String groupBy) {
        organizations.get(organizationId);
        if (groupBy != null && !UsageTotalsRepository.knownGroup(groupBy)) {
            throw new io.parley.platform.InvalidRequestException("validation_failed",
                    "groupBy must be one of chatbot, contact, model, day");
        }
        if (from == null || to == null || !from.isBefore(to)) {
            throw new io.parley.platform.InvalidRequestException("validation_failed", "from must be before to");
        }
        return totals.history(organizationId, from, to, groupBy);
    }
}
