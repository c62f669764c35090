package io.parley.usage;

import io.parley.platform.InvalidRequestException;
import io.parley.platform.OrganizationId;
import io.parley.tenancy.Organizations;
import io.parley.usage.internal.UsageBreakdownRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * An organization's usage over a chosen period, read from the ledger for charts and exports: per day, chatbot and
 * model, and its busiest contacts. Reads only; the aggregates the limits use stay with {@link UsageLedger}.
 */
@Service
public class UsageBreakdown {
    /** The longest period one query may cover: a year and a day. */
    public static final Duration MAX_SPAN = Duration.ofDays(367);

    private final UsageBreakdownRepository repository;
    private final Organizations organizations;

    UsageBreakdown(UsageBreakdownRepository repository, Organizations organizations) {
        this.repository = repository;
        this.organizations = organizations;
    }

    /** Usage over [from, to) per day (UTC), chatbot and model, ordered by day. */
    public List<DailyUsage> daily(OrganizationId organizationId, Instant from, Instant to) {
        check(organizationId, from, to);
        return repository.daily(organizationId, from, to);
    }

    /** The {@code limit} contacts with the most messages over [from, to), most first. */
    public List<ContactUsage> topContacts(OrganizationId organizationId, Instant from, Instant to, int limit) {
        check(organizationId, from, to);
        return repository.topContacts(organizationId, from, to, Math.clamp(limit, 1, 100));
    }

    private void check(OrganizationId organizationId, Instant from, Instant to) {
        Objects.requireNonNull(organizationId, "organizationId");
        organizations.get(organizationId);
        if (from == null || to == null || !from.isBefore(to)) {
            throw new InvalidRequestException("validation_failed", "from must be before to");
        }
        if (Duration.between(from, to).compareTo(MAX_SPAN) > 0) {
            throw new InvalidRequestException("validation_failed", "a period covers at most a year");
        }
    }
}
