package io.parley.usage;

import io.parley.events.SystemEvent;
import io.parley.events.SystemEvents;
import io.parley.platform.ContactId;
import io.parley.platform.OrganizationId;
import io.parley.platform.cache.ChangeNotices;
import io.parley.platform.cache.SharedCache;
import io.parley.usage.internal.LimitsRepository;
import io.parley.usage.internal.UsageTotalsRepository;
import io.parley.usage.internal.UsageTotalsRepository.Totals;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Limits per organization and the check before a turn calls the model. The check reads the period aggregates
 * without locking: turns already past the check (at most one per conversation) may each still add their usage, so
 * a limit can be overshot by at most the number of turns in flight (see ADR 14). Effective limits are read several
 * times per turn and change only by an operator's action: they are cached per node, and forgotten on every node when
 * a plan or an organization's limits change (ADR 50).
 */
@Service
@EnableConfigurationProperties(UsageProperties.class)
public class Limits {
    private final LimitsRepository repository;
    private final UsageTotalsRepository totals;
    private final UsageAlerts alerts;
    private final SystemEvents events;
    private final UsageProperties properties;
    private final Clock clock;
    private final SharedCache<OrganizationId, EffectiveLimits> cache;

    Limits(
            LimitsRepository repository,
            UsageTotalsRepository totals,
            UsageAlerts alerts,
            SystemEvents events,
            UsageProperties properties,
            Clock clock,
            ChangeNotices notices) {
        this.repository = repository;
        this.totals = totals;
        this.alerts = alerts;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.cache = notices.cache(LimitsRepository.TOPIC);
    }

    public EffectiveLimits effective(OrganizationId organizationId) {
        return cache.get(organizationId, this::fresh);
    }

    /** As stored now, past the cache: what a change is based on. */
    EffectiveLimits fresh(OrganizationId organizationId) {
        return repository.effective(organizationId, properties.defaultPlan());
    }

    /** The reply to a message over the organization's max length, or null when the message fits. */
    public String tooLong(EffectiveLimits limits, String text) {
        Integer max = limits.maxMessageLength();
        if (max == null || text == null || text.codePointCount(0, text.length()) <= max) {
            return null;
        }
        return properties.tooLongMessage(max);
    }

    /** Whether the contact's next turn may call the model; records the limit events and "told once" marks. */
    @Transactional
    public LimitDecision check(OrganizationId organizationId, ContactId contactId) {
        Instant now = clock.instant();
        BillingPeriod period = BillingPeriod.containing(now);
        EffectiveLimits limits = effective(organizationId);
        // Without a monthly limit (e.g. a plan without one) the period's totals cannot refuse the turn: not read.
        Totals used = limits.limitsTheMonth() ? totals.period(organizationId, period.start()) : null;
        String exceeded = used == null ? null : exceeded(limits, used);
        LocalDate noticePeriod = period.start();
        if (exceeded != null) {
            alerts.check(organizationId, period.start(), limits, used);
        } else if (contactId != null
                && limits.contactDailyMessages() != null
                && totals.contactDay(contactId, BillingPeriod.day(now)) >= limits.contactDailyMessages()) {
            exceeded = "contactDailyMessages";
            noticePeriod = BillingPeriod.day(now);
            if (totals.firstNotice(
                    organizationId,
                    noticePeriod,
                    "contact_limit:" + contactId.value() + ":" + limits.contactDailyMessages())) {
                events.record(SystemEvent.of(SystemEvent.Level.WARN, "usage.limit_reached")
                        .organization(organizationId)
                        .with("limit", exceeded)
                        .with("value", limits.contactDailyMessages())
                        .with("contactId", contactId.value().toString())
                        .with("day", noticePeriod.toString())
                        .build());
            }
        }
        if (exceeded == null) {
            return new LimitDecision.Allowed();
        }
        String who = contactId == null ? "unknown" : contactId.value().toString();
        boolean notify =
                totals.firstNotice(organizationId, noticePeriod, "limit_reply:" + who + ":" + limits.fingerprint());
        return new LimitDecision.Refused(exceeded, notify);
    }

    private static String exceeded(EffectiveLimits limits, Totals used) {
        if (limits.monthlyMessages() != null && used.messages() >= limits.monthlyMessages()) {
            return "monthlyMessages";
        }
        if (limits.monthlyTokens() != null && used.tokensIn() + used.tokensOut() >= limits.monthlyTokens()) {
            return "monthlyTokens";
        }
        if (limits.monthlyCostBudget() != null && used.cost().compareTo(limits.monthlyCostBudget()) >= 0) {
            return "monthlyCostBudget";
        }
        return null;
    }
}
